package mlb.cli;

/**
 * What picocli prints for `mlb --help` (without colours), kept here so that printing it needs no model of the
 * commands. ShortcutsTest renders it with picocli and fails when it differs; `mvn test -Dtest=ShortcutsTest
 * -Dgolden.update=true` writes the text between the markers anew.
 */
final class RootUsage {
    private RootUsage() {
    }

    // golden: begin
    static final String TEXT = """
            Usage: mlb [-hV] [COMMAND]
            Declarative multi-link load balancer for Linux routers.
              -h, --help      Show this help message and exit.
              -V, --version   Print version information and exit.
            Commands:
              init      Print a first spec from the host's links (devices with a default
                          route or a gateway), every guess commented. Changes nothing.
              validate  Check a spec without touching the kernel. Exit 65 lists every
                          problem.
              plan      Show the changes that would make the kernel match the spec. Changes
                          nothing.
              apply     Make the kernel match the spec (or a saved plan), verify it, and
                          revert on failure.
              destroy   Remove every object mlb owns (its protocol's rules in its priority
                          range, their tables' routes, its nexthops) and nothing else.
                          Kernel settings are left as they are.
              history   List the recorded applies of a target, newest first: short rev,
                          date, outcome, message.
              show      Show one history entry: its message and trailers, the spec as
                          applied, the plan and the commands run.
              diff      Show how the spec and the owned state differ between two entries.
              rollback  Return the kernel to the owned state recorded after an earlier
                          apply (its after.json).
              status    Last recorded apply, an apply waiting for `mlb confirm` (and its
                          time left), drift: whether the kernel still holds what the last
                          apply recorded, and what a running `mlb monitor` sees of each
                          link.
              confirm   Keep an apply made with --confirm: cancel its pending revert.
              monitor   Probe every link through itself and keep dead links out of the
                          balancing, until stopped.
              lab       A real multi-ISP network in network namespaces (LAN host, router,
                          ISPs, internet), with shaped links, traffic tools and a demo of
                          mlb on it.
              help      Display help information about the specified command.
            """;
    // golden: end
}
