package mlb.kernel.ip;

import mlb.proc.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many IPv4 routes the kernel of this process's own network namespace holds, in all tables, from
 * /proc/net/fib_triestat (a file read, no process): whether batched dumps stay cheap (see {@link Dumps}).
 */
final class RouteCount {
    /**
     * Chosen, not measured at this size: each process a batch saves costs ~9 ms here, and a batched table dump with
     * 100 000 routes in the kernel was measured at ~50 ms (docs/performance.md), so the line stays far below that.
     */
    static final long FEW = 10_000;
    private static final Pattern PREFIXES = Pattern.compile("^\\s*Prefixes:\\s*(\\d+)", Pattern.MULTILINE);

    private RouteCount() {
    }

    /** Whether target's kernel is this process's own and holds few routes; false when that cannot be told. */
    static boolean few(Target target) {
        boolean own = target.netns().map(ns -> ns.equals(System.getenv(Target.INSIDE_ENV))).orElse(true);
        if (!own) return false;
        OptionalLong n = of(Path.of("/proc/self/net/fib_triestat"));
        return n.isPresent() && n.getAsLong() < FEW;
    }

    /** The sum of the tries' prefixes in a fib_triestat text; empty when it cannot be read. */
    static OptionalLong of(Path file) {
        try {
            return OptionalLong.of(sum(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static long sum(String triestat) {
        long n = 0;
        Matcher m = PREFIXES.matcher(triestat);
        while (m.find()) n += Long.parseLong(m.group(1));
        return n;
    }
}
