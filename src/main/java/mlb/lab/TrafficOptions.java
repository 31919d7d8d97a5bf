package mlb.lab;

import picocli.CommandLine.Option;

/** --connections, --downloads and --size: how much traffic `bench` and `demo` measure with. */
final class TrafficOptions {
    @Option(names = "--connections", defaultValue = "600", paramLabel = "N", description = "new connections to count (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--downloads", defaultValue = "30", paramLabel = "N", description = "parallel downloads (default: ${DEFAULT-VALUE})")
    int downloads;

    @Option(names = "--size", defaultValue = "2MB", converter = Units.SizeConverter.class, paramLabel = "BYTES",
            description = "bytes per download (default: ${DEFAULT-VALUE})")
    long size;

    /** Before anything is built, so a wrong count costs no lab. */
    void check() {
        ClientCommand.Bounds.check(connections, 1, 10_000, "--connections");
        ClientCommand.Bounds.check(downloads, 1, 256, "--downloads");
        ClientCommand.Bounds.check(size, 1_000, 1_000_000_000, "--size");
    }
}
