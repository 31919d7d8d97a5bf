package mlb.monitor.health;

/** The one rule a target name follows here: the tracker only matches names, the prober owns their syntax. */
final class Targets {
    private Targets() {
    }

    static void check(String target) {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("a target needs a name");
    }
}
