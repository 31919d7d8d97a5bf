package mlb.monitor.carrier;

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
 * `ip [-n NS] monitor link` as a long-running child: the kernel's link events arrive the moment they happen,
 * where probes would need rounds to notice. A child that dies is logged and started again a second later; while
 * it is down the monitor still works on its probes alone.
 */
public final class SystemCarrierWatch implements CarrierWatch {
    private static final long RESTART_MS = 1000;
    private final Target target;
    private final Log log;

    public SystemCarrierWatch(Target target, Log log) {
        this.target = target;
        this.log = log;
    }

    static List<String> argv(Target target) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        target.netns().ifPresent(ns -> argv.addAll(List.of("-n", ns)));
        argv.addAll(List.of("monitor", "link"));
        return argv;
    }

    @Override
    public AutoCloseable start(Consumer<CarrierEvent> events) {
        Follower f = new Follower(events);
        Thread t = new Thread(f, "mlb-carrier");
        t.setDaemon(true);
        t.start();
        return () -> {
            f.stop();
            t.interrupt();
        };
    }

    private final class Follower implements Runnable {
        private final Consumer<CarrierEvent> events;
        private volatile boolean stopped;
        private volatile Process child;

        Follower(Consumer<CarrierEvent> events) {
            this.events = events;
        }

        void stop() {
            stopped = true;
            Process p = child;
            if (p != null) p.destroy();
        }

        @Override
        public void run() {
            while (!stopped) {
                String why = follow();
                if (stopped) return;
                log.problem("following link events (ip monitor link) " + why + ": starting it again in 1 s; the probes go on");
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
                child = new ProcessBuilder(argv(target)).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String last = "";
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        last = line;
                        LinkLines.parse(line).forEach(events);
                    }
                    return "ended (exit " + child.waitFor() + (last.isBlank() ? "" : ": " + last.strip()) + ")";
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
