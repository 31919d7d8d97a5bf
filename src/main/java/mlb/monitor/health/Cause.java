package mlb.monitor.health;

import io.vavr.control.Option;

import java.time.Duration;

/** What made a link change state; each kind knows the state it leads to and its words in the log. */
public sealed interface Cause extends Why {
    /** The state this cause puts a link in. */
    State leadsTo();

    /** The log's verb: down, up, degraded, recovered. */
    String verb();

    /** `lost` of the last `of` rounds failed (with the in-a-row rule they are equal); the last answer ever seen. */
    record RoundsLost(int lost, int of, Option<Duration> lastRtt) implements Cause {
        public State leadsTo() {
            return State.DOWN;
        }

        public String verb() {
            return "down";
        }

        public String text() {
            return lost + "/" + of + " rounds lost, last rtt " + lastRtt.map(Text::ms).getOrElse("no answer yet");
        }
    }

    /** `answered` of the last `of` rounds succeeded; `rtt` is the last answer's. */
    record RoundsAnswered(int answered, int of, Duration rtt) implements Cause {
        public State leadsTo() {
            return State.UP;
        }

        public String verb() {
            return "up";
        }

        public String text() {
            return answered + "/" + of + " rounds answered, rtt " + Text.ms(rtt);
        }
    }

    /** Loss over a full window of `rounds` rounds went above the maximum. */
    record LossOver(int percent, int max, int rounds) implements Cause {
        public State leadsTo() {
            return State.DEGRADED;
        }

        public String verb() {
            return "degraded";
        }

        public String text() {
            return "loss " + percent + " % over " + rounds + " rounds (max " + max + " %)";
        }
    }

    /** Mean RTT over a full window of `rounds` rounds went above the maximum. */
    record RttOver(Duration mean, Duration max, int rounds) implements Cause {
        public State leadsTo() {
            return State.DEGRADED;
        }

        public String verb() {
            return "degraded";
        }

        public String text() {
            return "mean rtt " + Text.ms(mean) + " over " + rounds + " rounds (max " + Text.ms(max) + ")";
        }
    }

    /** A degraded link's window stayed clear of every maximum; the figures are the window's when it came back. */
    record WithinLimits(int lossPercent, Duration meanRtt, int rounds) implements Cause {
        public State leadsTo() {
            return State.UP;
        }

        public String verb() {
            return "recovered";
        }

        public String text() {
            return "loss " + lossPercent + " %, mean rtt " + Text.ms(meanRtt) + " over " + rounds + " rounds";
        }
    }

    /** The kernel reported the link's device without carrier (or gone): down at once, before any round is lost. */
    record CarrierLost(String dev) implements Cause {
        public State leadsTo() {
            return State.DOWN;
        }

        public String verb() {
            return "down";
        }

        public String text() {
            return "carrier lost on " + dev;
        }
    }
}
