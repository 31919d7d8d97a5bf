package mlb.monitor.health;

/** Why a link is in its state: the start, or the cause of its last change. */
public sealed interface Why permits Why.Started, Cause {
    /** The reason as the status shows it, without the link's name. */
    String text();

    /** No round seen yet, or not enough for a verdict. */
    record Started() implements Why {
        public String text() {
            return "started, no verdict yet";
        }
    }
}
