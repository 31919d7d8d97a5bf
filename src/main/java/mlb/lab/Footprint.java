package mlb.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the monitor costs, read from /proc: the resident memory of its JVM and the CPU time of it, of what it ran
 * and waited for (the `ip` reads), and of what still runs under it (the kernel's event followers), between two
 * samples.
 */
record Footprint(double rssMiB, double cpuPercent) {
    private static final double TICKS = 100.0;

    record Sample(long at, long ticks, double rssMiB) {
    }

    static Sample sample(long monitor) {
        ProcessHandle m = ProcessHandle.of(monitor).orElseThrow(() -> new LabException(LabException.FAILED, "the monitor is gone"));
        long ticks = ticks(monitor, true) + m.descendants().mapToLong(p -> ticks(p.pid(), false)).sum();
        return new Sample(System.nanoTime(), ticks, rssMiB(monitor));
    }

    static Footprint between(Sample a, Sample b) {
        double seconds = (b.at() - a.at()) / 1e9;
        return new Footprint(b.rssMiB(), (b.ticks() - a.ticks()) / TICKS / seconds * 100);
    }

    /** utime + stime of one process (fields 14 and 15 of /proc/PID/stat), with its waited-for children's (16, 17). */
    private static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
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
