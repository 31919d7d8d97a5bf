package mlb.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.ObjectKey;
import mlb.model.Observed;
import mlb.model.Rule;
import mlb.model.Sysctl;
import mlb.plan.Command;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real kernel, through iproute2 (`ip -N -j -d` to read, one `ip -batch -` per run of lines to write). */
public final class IpKernel implements Kernel {
    private static final Pattern FAILED_LINE = Pattern.compile("Command failed -:(\\d+)");
    private final Runner runner;
    private final Target target;

    public IpKernel(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    @Override
    public Observed read(int protocol, Set<Integer> tables, Set<String> sysctls) {
        java.util.List<KernelObject> owned = new ArrayList<>();
        Counter foreign = new Counter();
        for (JsonNode n : json("rules", "-4", "rule", "show")) {
            IpJson.Parsed p = IpJson.rule(n);
            if (IpJson.protocol(n) == protocol && p.isKnown()) owned.add(p.known());
            else if (!IpJson.kernelDefault(n)) foreign.rules++;
        }
        Set<Integer> toRead = tables.addAll(List.ofAll(owned).filter(o -> o instanceof Rule).map(o -> ((Rule) o).table()))
                .addAll(tablesHolding(protocol))
                .filter(t -> t < 253 || t > 255);
        for (int table : toRead) readTable(table, protocol, owned, foreign);
        readNexthops(protocol, owned, foreign);
        for (String name : sysctls) owned.add(readSysctl(name));
        return new Observed(NetState.of(owned), foreign.toForeign());
    }

    /**
     * Tables holding routes of mlb's protocol, wherever they are (also those no rule points to any more, as a
     * failed revert or a hand-deleted rule can leave). The kernel filters this dump by protocol itself, so it
     * stays cheap however many foreign routes there are.
     */
    private Set<Integer> tablesHolding(int protocol) {
        Runner.Result r = ip("-N", "-j", "-4", "route", "show", "table", "all", "proto", String.valueOf(protocol));
        return io.vavr.collection.TreeSet.ofAll(List.ofAll(parsed("routes of protocol " + protocol, r))
                .map(n -> n.path("table").asText("254")).filter(t -> t.matches("\\d+")).map(Integer::valueOf));
    }

    private void readTable(int table, int protocol, java.util.List<KernelObject> owned, Counter foreign) {
        Runner.Result r = ip("-N", "-j", "-d", "-4", "route", "show", "table", String.valueOf(table));
        if (!r.ok() && r.stderr().contains("FIB table does not exist")) return;
        for (JsonNode n : parsed("routes of table " + table, r)) {
            IpJson.Parsed p = IpJson.route(n, table);
            if (IpJson.protocol(n) == protocol && p.isKnown()) owned.add(p.known());
            else foreign.collide(p, n);
        }
    }

    private void readNexthops(int protocol, java.util.List<KernelObject> owned, Counter foreign) {
        Runner.Result r = ip("-N", "-j", "-d", "nexthop", "show");
        if (!r.ok() && r.stderr().contains("Object \"nexthop\" is unknown")) {
            throw new KernelError(KernelError.Reason.MISSING_TOOL,
                    "this iproute2 has no nexthop objects: install iproute2 5.3 or newer");
        }
        for (JsonNode n : parsed("nexthops", r)) {
            IpJson.Parsed p = IpJson.nexthop(n);
            if (IpJson.protocol(n) == protocol && p.isKnown()) owned.add(p.known());
            else foreign.collide(p, n);
        }
    }

    private Sysctl readSysctl(String name) {
        Sysctl probe = new Sysctl(name, "0");
        Runner.Result r = runner.run(target.exec("cat", probe.path()));
        if (!r.ok()) throw KernelError.from("reading " + name, r.stderr());
        return new Sysctl(name, r.stdout().strip());
    }

    @Override
    public Option<String> ipv4Address(String dev) {
        Runner.Result r = ip("-j", "-4", "addr", "show", "dev", dev);
        if (!r.ok() && isMissingDevice(r)) return Option.none();
        if (!r.ok()) throw KernelError.from("reading the addresses of " + dev, r.stderr());
        for (JsonNode link : IpJson.tree(r.stdout())) {
            for (JsonNode a : link.path("addr_info")) {
                if ("global".equals(a.path("scope").asText())) return Option.some(a.path("local").asText());
            }
        }
        return Option.none();
    }

    @Override
    public boolean hasDevice(String dev) {
        Runner.Result r = ip("-j", "link", "show", "dev", dev);
        if (r.ok() || isMissingDevice(r)) return r.ok();
        // Not "no such device" but, say, no permission to enter the namespace: say that, not "missing device".
        throw KernelError.from("reading device " + dev, r.stderr());
    }

    private static boolean isMissingDevice(Runner.Result r) {
        return r.stderr().contains("does not exist");
    }

    /** Resilient groups came with Linux 5.13 and iproute2 5.13; older tools reject `type resilient`. */
    @Override
    public boolean supportsResilientGroups() {
        Runner.Result r = runner.run(List.of("cat", "/proc/sys/kernel/osrelease").asJava());
        return r.ok() && versionAtLeast(r.stdout().strip(), 5, 13) && versionAtLeast(ipVersion(), 5, 13);
    }

    private String ipVersion() {
        Runner.Result r = runner.run(List.of("ip", "-V").asJava());
        Matcher m = Pattern.compile("iproute2-v?(\\d+\\.\\d+)").matcher(r.stdout() + r.stderr());
        return m.find() ? m.group(1) : "0.0";
    }

    static boolean versionAtLeast(String version, int major, int minor) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) return false;
        int ma = Integer.parseInt(m.group(1));
        return ma > major || ma == major && Integer.parseInt(m.group(2)) >= minor;
    }

    @Override
    public WriteResult write(List<Command> commands) {
        int done = 0;
        while (done < commands.size()) {
            Command first = commands.get(done);
            if (first instanceof Command.SysctlWrite s) {
                Runner.Result r = runner.run(target.exec("tee", s.sysctl().path()), s.sysctl().value() + "\n");
                if (!r.ok()) return new WriteResult(done + 1, Option.some(first.text() + ": " + r.stderr().strip()));
                done++;
                continue;
            }
            List<Command> batch = commands.drop(done).takeWhile(c -> c instanceof Command.IpLine);
            String input = batch.map(c -> ((Command.IpLine) c).line() + "\n").mkString();
            Runner.Result r = runner.run(target.ip("-batch", "-"), input);
            if (!r.ok()) {
                int failedAt = failedLine(r.stderr());
                String cmd = failedAt > 0 && failedAt <= batch.size() ? batch.get(failedAt - 1).text() : "ip -batch";
                int attempted = failedAt > 0 ? Math.min(failedAt, batch.size()) : batch.size();
                return new WriteResult(done + attempted, Option.some(cmd + ": " + r.stderr().strip()));
            }
            done += batch.size();
        }
        return new WriteResult(done, Option.none());
    }

    private static int failedLine(String stderr) {
        Matcher m = FAILED_LINE.matcher(stderr);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private Runner.Result ip(String... args) {
        return runner.run(target.ip(args));
    }

    private JsonNode json(String what, String... args) {
        return parsed(what, ip(concat("-N", "-j", "-d", args)));
    }

    private static JsonNode parsed(String what, Runner.Result r) {
        if (!r.ok()) throw KernelError.from("reading " + what, r.stderr());
        return IpJson.tree(r.stdout());
    }

    private static String[] concat(String a, String b, String c, String... rest) {
        String[] out = new String[rest.length + 3];
        out[0] = a;
        out[1] = b;
        out[2] = c;
        System.arraycopy(rest, 0, out, 3, rest.length);
        return out;
    }

    /** Tallies foreign objects and keeps those whose identity an owned object could collide with. */
    private static final class Counter {
        int rules;
        int routes;
        int nexthops;
        TreeMap<ObjectKey, KernelObject> colliding = TreeMap.empty();

        void collide(IpJson.Parsed p, JsonNode n) {
            if (p.isKnown()) colliding = colliding.put(p.known().key(), p.known());
            if (n.has("id")) nexthops++;
            else routes++;
        }

        Foreign toForeign() {
            return new Foreign(rules, routes, nexthops, colliding);
        }
    }
}
