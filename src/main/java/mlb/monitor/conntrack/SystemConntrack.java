package mlb.monitor.conntrack;

import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import mlb.proc.Target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `conntrack -D -f ipv4|ipv6 --reply-dst ADDRESS`, or by mark `--mark MARK/MASK` (conntrack-tools), argv only,
 * in the target namespace.
 * conntrack reports "N flow entries have been deleted." on stderr, and exits 1 when N is 0 (1.4.7 here), so the
 * count line, not the exit code, says whether it worked.
 */
public final class SystemConntrack implements Conntrack {
    private static final Pattern DELETED = Pattern.compile("(\\d{1,9}) flow entries have been deleted");
    private static final Pattern EXEC_FAILED = Pattern.compile("exec of \"conntrack\" failed: No such file");

    private final Runner runner;
    private final Target target;

    public SystemConntrack(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    @Override
    public Deletion deleteNatedTo(InetAddress linkAddress) {
        return delete(argv(target, linkAddress));
    }

    @Override
    public Deletion deleteMarked(Marked mark, boolean unansweredOnly) {
        return delete(argv(target, mark, unansweredOnly));
    }

    private Deletion delete(List<String> argv) {
        Runner.Result r;
        try {
            r = runner.run(argv);
        } catch (SystemRunner.MissingProgram e) {
            return missing(e.program());
        }
        return outcome(r);
    }

    static List<String> argv(Target target, InetAddress linkAddress) {
        String family = linkAddress instanceof Inet6Address ? "ipv6" : "ipv4";
        return target.exec("conntrack", "-D", "-f", family, "--reply-dst", linkAddress.getHostAddress());
    }

    static List<String> argv(Target target, Marked mark, boolean unansweredOnly) {
        List<String> args = new java.util.ArrayList<>(List.of("conntrack", "-D", "-f", "ipv4"));
        if (unansweredOnly) args.addAll(List.of("-p", "tcp", "--state", "SYN_SENT"));
        args.addAll(List.of("--mark", mark.text()));
        return target.exec(args.toArray(String[]::new));
    }

    static Deletion outcome(Runner.Result r) {
        Optional<Integer> count = deleted(r.stderr());
        if (count.isPresent() && (r.ok() || count.get() == 0)) return new Deletion.Deleted(count.get());
        if (EXEC_FAILED.matcher(r.stderr()).find()) return missing("conntrack");
        return new Deletion.Failed("conntrack exited " + r.exitCode() + lastLine(r.stderr()));
    }

    private static Optional<Integer> deleted(String stderr) {
        Matcher m = DELETED.matcher(stderr);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The program that could not run, and the Debian package that brings it. */
    private static Deletion missing(String program) {
        String name = java.nio.file.Path.of(program).getFileName().toString();
        return new Deletion.Missing(name, name.equals("ip") ? "iproute2" : "conntrack");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "" : ": " + last;
    }
}
