package mlb.engine;

import mlb.proc.Target;

/**
 * The words a hint needs to name the target it is about, so a suggested command acts where the one that
 * failed did. The state directory a front end was given is its own business: its view adds that.
 */
final class Hints {
    private Hints() {
    }

    /** ` --netns NS`, or nothing for the host. */
    static String netns(Target t) {
        return t.netns().map(n -> " --netns " + n).orElse("");
    }
}
