package mlb.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the monitor costs, read from /proc: the resident memory of its JVM (the one inside the namespace) and the
 * CPU time of it and everything it started (the pings), between two samples.
 */
record Footprint(double rssMiB, double wrapperMiB, double cpuPercent) {
    private static final double TICKS = 100.0;

    /** One reading: the wrapper (entered the namespace), the monitor JVM, and their descendants' CPU ticks. */
    record Sample(long at, long ticks, double rssMiB, double wrapperMiB) {
    }

    static Sample sample(long wrapper) {
        ProcessHandle w = ProcessHandle.of(wrapper).orElseThrow(() -> new LabException(LabException.FAILED, "the monitor is gone"));
        List<ProcessHandle> tree = w.descendants().toList();
        long ticks = ticks(wrapper) + tree.stream().mapToLong(p -> ticks(p.pid())).sum();
        double monitor = tree.stream().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToDouble(p -> rssMiB(p.pid())).max().orElse(0);
        return new Sample(System.nanoTime(), ticks, monitor, rssMiB(wrapper));
    }

    static Footprint between(Sample a, Sample b) {
        double seconds = (b.at() - a.at()) / 1e9;
        return new Footprint(b.rssMiB(), b.wrapperMiB(), (b.ticks() - a.ticks()) / TICKS / seconds * 100);
    }

    /** utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double rssMiB(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
