package mlb.monitor.carrier;

import mlb.kernel.Generation;
import mlb.monitor.Log;
import mlb.proc.Target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * `ip [-n NS] monitor link address route rule nexthop` as a long-running child, and `nft monitor` beside it when
 * the nft tables are mlb's too: the kernel's link events arrive the moment they happen, where probes would need
 * rounds to notice, and every event counts in the generation, so the monitor knows when what it read last still
 * holds. A child that dies is logged and started again a second later; while it is down the monitor still works
 * on its probes alone, and reads the kernel afresh for every change.
 */
public final class SystemCarrierWatch implements CarrierWatch {
    private static final long RESTART_MS = 1000;
    private static final long SUBSCRIBED_MS = 100;
    /** A follower that ends this soon after it started, GIVE_UP times in a row, cannot run here. */
    private static final long QUICK_NS = 5_000_000_000L;
    private static final int GIVE_UP = 3;
    private final Target target;
    private final Log log;
    private final boolean nft;

    /**
     * nft: follow `nft monitor` too, wherever nft is installed: a connmark spec's state has mlb's nft table, and
     * so has a route-mode spec's after a connmark one (until its table is gone), and either is kept only while
     * nft's events are followed too.
     */
    public SystemCarrierWatch(Target target, Log log, boolean nft) {
        this.target = target;
        this.log = log;
        this.nft = nft;
    }

    /**
     * argv run so that the child ends with this thread, however that ends (a monitor killed with SIGKILL too):
     * a follower left behind in a namespace nobody uses any more hears no event that would end it, and holds the
     * namespace alive. setpriv is util-linux's (essential in Debian); without it the child runs as it is.
     */
    static List<String> orphanless(List<String> argv) {
        if (!mlb.monitor.Requirements.onPath("setpriv", System.getenv("PATH"))) return argv;
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--pdeathsig", "TERM", "--"));
        wrapped.addAll(argv);
        return wrapped;
    }

    static List<String> argv(Target target) {
        return target.ip("monitor", "link", "address", "route", "rule", "nexthop");
    }

    @Override
    public AutoCloseable start(Consumer<CarrierEvent> events, Generation changes) {
        // An event is a line and its indented continuation lines (a device's link/ether, a route's nexthops).
        List<Follower> followers = new ArrayList<>(List.of(new Follower("ip", false, argv(target), line -> {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) return;
            long at = changes.changed();
            LinkLines.parse(line).map(e -> e.counted(at)).forEach(events);
        }, changes)));
        if (nft) followers.add(new Follower("nft", true, target.exec("nft", "monitor"), line -> changes.changed(), changes));
        List<Thread> threads = new ArrayList<>();
        for (Follower f : followers) {
            Thread t = new Thread(f, "mlb-events-" + f.name);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return () -> {
            followers.forEach(Follower::stop);
            threads.forEach(Thread::interrupt);
        };
    }

    private final class Follower implements Runnable {
        private final String name;
        private final boolean optional;
        private final List<String> argv;
        private final Consumer<String> lines;
        private final Generation changes;
        private volatile boolean stopped;
        private volatile Process child;

        Follower(String name, boolean optional, List<String> argv, Consumer<String> lines, Generation changes) {
            this.name = name;
            this.optional = optional;
            this.argv = argv;
            this.lines = lines;
            this.changes = changes;
        }

        void stop() {
            stopped = true;
            Process p = child;
            if (p != null) p.destroy();
        }

        @Override
        public void run() {
            int quick = 0;
            while (!stopped) {
                long started = System.nanoTime();
                String why = follow();
                if (stopped) return;
                quick = System.nanoTime() - started < QUICK_NS ? quick + 1 : 0;
                // nft's events are a help, not a need (a host whose kernel has no nf_tables still has nft): a follower
                // of them that cannot even start is given up, said once, and the state is then read afresh
                String ended = "following the kernel's events (" + String.join(" ", argv) + ") " + why;
                if (optional && quick >= GIVE_UP) {
                    log.problem(ended + ", " + GIVE_UP + " times in a row: not started again; changes read the kernel afresh");
                    return;
                }
                log.problem(ended + ": starting it again in 1 s; the probes go on");
                try {
                    Thread.sleep(RESTART_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Runs one child until it ends; says why it ended. */
        private String follow() {
            try {
                child = new ProcessBuilder(orphanless(argv)).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                // ip subscribes to the kernel's events a moment after it starts; a change before that is not seen.
                Thread.sleep(SUBSCRIBED_MS);
                changes.following(name, true);
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String last = "";
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        last = line;
                        lines.accept(line);
                    }
                    return "ended (exit " + child.waitFor() + (last.isBlank() ? "" : ": " + last.strip()) + ")";
                } finally {
                    changes.following(name, false);
                }
            } catch (IOException e) {
                return "failed: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "was interrupted";
            }
        }
    }
}
