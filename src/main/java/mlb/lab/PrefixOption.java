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
}
