package mlb.kernel.ip;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.Driver;
import mlb.kernel.KernelError;
import mlb.kernel.Reading;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.ObjectKey;
import mlb.model.Rule;
import mlb.model.Scope;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules, routes, nexthops and groups through iproute2: `ip -N -j -d` to read, one `ip -batch -` to write.
 * Reads filter at the source: per-table route dumps, and one protocol dump the kernel filters itself, so a
 * million foreign routes in main cost nothing.
 */
public final class IpDriver implements Driver {
    private static final Pattern FAILED_LINE = Pattern.compile("Command failed -:(\\d+)");
    private static final Set<Kind> KINDS = HashSet.of(Kind.NEXTHOP, Kind.GROUP, Kind.ROUTE, Kind.RULE);
    private final Runner runner;
    private final Target target;

    public IpDriver(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    @Override
    public Set<Kind> kinds() {
        return KINDS;
    }

    @Override
    public Reading read(Scope scope) {
        java.util.List<KernelObject> owned = new ArrayList<>();
        Counter foreign = new Counter();
        for (JsonNode n : json("rules", "-4", "rule", "show")) {
            Option<KernelObject> rule = IpJson.rule(n);
            if (ownedRule(scope, n) && rule.isDefined()) owned.add(rule.get());
            else if (!IpJson.kernelDefault(n)) foreign.rules++;
        }
        SortedSet<Integer> tables = scope.tables()
                .addAll(List.ofAll(owned).flatMap(o -> o instanceof Rule r ? List.of(r.table()) : List.empty()))
                .addAll(tablesHolding(scope.protocol()))
                .filter(t -> !NetState.kernelTable(t));
        for (int table : tables) readTable(table, scope.protocol(), owned, foreign);
        readNexthops(scope.protocol(), owned, foreign);
        return new Reading(List.ofAll(owned), foreign.toForeign());
    }

    /** A rule is mlb's only with mlb's protocol inside mlb's priority range: never delete anyone else's. */
    private static boolean ownedRule(Scope scope, JsonNode n) {
        return IpJson.protocol(n) == scope.protocol() && scope.ownsPriority(n.path("priority").asInt(-1));
    }

    /**
     * Tables holding routes of mlb's protocol, wherever they are (also those no rule points to any more, as a
     * failed revert or a hand-deleted rule can leave). The kernel filters this dump by protocol itself, so it
     * stays cheap however many foreign routes there are.
     */
    private SortedSet<Integer> tablesHolding(int protocol) {
        Runner.Result r = ip("-N", "-j", "-4", "route", "show", "table", "all", "proto", String.valueOf(protocol));
        return TreeSet.ofAll(List.ofAll(parsed("routes of protocol " + protocol, r))
                .map(n -> n.path("table").asText("254")).filter(t -> t.matches("\\d+")).map(Integer::valueOf));
    }

    private void readTable(int table, int protocol, java.util.List<KernelObject> owned, Counter foreign) {
        Runner.Result r = ip("-N", "-j", "-d", "-4", "route", "show", "table", String.valueOf(table));
        if (!r.ok() && r.stderr().contains("FIB table does not exist")) return;
        for (JsonNode n : parsed("routes of table " + table, r)) {
            Option<KernelObject> route = IpJson.route(n, table);
            if (IpJson.protocol(n) == protocol && route.isDefined()) owned.add(route.get());
            else foreign.route(route);
        }
    }

    private void readNexthops(int protocol, java.util.List<KernelObject> owned, Counter foreign) {
        Runner.Result r = ip("-N", "-j", "-d", "nexthop", "show");
        if (!r.ok() && r.stderr().contains("Object \"nexthop\" is unknown")) {
            throw new KernelError(KernelError.Reason.MISSING_TOOL,
                    "this iproute2 has no nexthop objects: install iproute2 5.3 or newer");
        }
        for (JsonNode n : parsed("nexthops", r)) {
            Option<KernelObject> nexthop = IpJson.nexthop(n);
            if (IpJson.protocol(n) == protocol && nexthop.isDefined()) owned.add(nexthop.get());
            else foreign.nexthop(nexthop);
        }
    }

    @Override
    public Either<String, List<String>> render(Change change) {
        return IpSyntax.lines(change).map(lines -> lines.map(l -> "ip " + l));
    }

    @Override
    public Written write(List<Change> changes) {
        List<String> lines = changes.flatMap(c -> IpSyntax.lines(c).get());
        Runner.Result r = runner.run(target.ip("-batch", "-"), lines.map(l -> l + "\n").mkString());
        List<String> commands = lines.map(l -> "ip " + l);
        if (r.ok()) return new Written(commands, Option.none(), false);
        int failedAt = failedLine(r.stderr());
        if (failedAt < 1 || failedAt > lines.size()) {
            return new Written(commands, Option.some("ip -batch: " + r.stderr().strip()), false);
        }
        return new Written(commands.take(failedAt), Option.some(commands.get(failedAt - 1) + ": " + r.stderr().strip()), false);
    }

    /** About half a second of `ip -batch` work: an interrupt is honoured within that. */
    @Override
    public int batch() {
        return 2000;
    }

    private static int failedLine(String stderr) {
        Matcher m = FAILED_LINE.matcher(stderr);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private Runner.Result ip(String... args) {
        return runner.run(target.ip(args));
    }

    private JsonNode json(String what, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "-N";
        all[1] = "-j";
        all[2] = "-d";
        System.arraycopy(args, 0, all, 3, args.length);
        return parsed(what, ip(all));
    }

    private static JsonNode parsed(String what, Runner.Result r) {
        if (!r.ok()) throw KernelError.from("reading " + what, r.stderr());
        return IpJson.tree(r.stdout());
    }

    /** Tallies foreign objects and keeps those whose identity an owned object could collide with. */
    private static final class Counter {
        int rules;
        int routes;
        int nexthops;
        TreeMap<ObjectKey, KernelObject> colliding = TreeMap.empty();

        void route(Option<KernelObject> modelled) {
            routes++;
            keep(modelled);
        }

        void nexthop(Option<KernelObject> modelled) {
            nexthops++;
            keep(modelled);
        }

        private void keep(Option<KernelObject> modelled) {
            modelled.forEach(o -> colliding = colliding.put(o.key(), o));
        }

        Foreign toForeign() {
            return new Foreign(rules, routes, nexthops, colliding);
        }
    }
}
