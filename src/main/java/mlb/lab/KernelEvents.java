package mlb.lab;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's kernel events as an observer beside mlb sees them, each stamped when it arrives: `ip monitor link
 * route rule nexthop` and `nft monitor`, children of the lab's own. The bench times mlb's changes against the
 * kernel's link notifications with these, not with mlb's log.
 */
final class KernelEvents implements AutoCloseable {
    /** One line of a monitor's output, when it arrived (System.nanoTime), and whether nft printed it. */
    record Line(long nanos, boolean nft, String text) {
    }

    private final List<Process> children = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    private KernelEvents() {
    }

    static KernelEvents follow(String ns) {
        KernelEvents e = new KernelEvents();
        e.start(List.of("ip", "-n", ns, "monitor", "link", "route", "rule", "nexthop"), false);
        e.start(List.of("ip", "netns", "exec", ns, "nft", "monitor"), true);
        LabProcesses.sleep(300); // both subscribed before anything happens
        return e;
    }

    private void start(List<String> argv, boolean nft) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            children.add(p);
            Thread t = new Thread(() -> read(p, nft), "lab-kernel-events");
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new LabException(LabException.FAILED, "cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    private void read(Process p, boolean nft) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                long at = System.nanoTime();
                synchronized (lines) {
                    lines.add(new Line(at, nft, l));
                }
            }
        } catch (IOException e) {
            // the child was stopped
        }
    }

    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        children.forEach(Process::destroy);
    }
}
