package mlb.lab;

import picocli.CommandLine.Option;

/** --prefix: the start of every namespace name of one lab, so several labs (and tests) never collide. */
final class PrefixOption {
    @Option(names = "--prefix", defaultValue = Topology.DEFAULT_PREFIX, paramLabel = "NAME",
            description = "namespace name prefix (default: ${DEFAULT-VALUE}, giving ${DEFAULT-VALUE}-router, ...)")
    String prefix;

    String value() {
        return Topology.requirePrefix(prefix);
    }

    /** ` --prefix NAME` for a hint that names another command on the same lab; nothing for the default lab. */
    String arg() {
        return prefix.equals(Topology.DEFAULT_PREFIX) ? "" : " --prefix " + prefix;
    }
}
