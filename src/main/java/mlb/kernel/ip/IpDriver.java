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

    /**
     * The dumps that do not depend on each other run at once (each `ip` is a few ms of process start, and a
     * monitor's change waits for all of them before it may write); a table only a rule or the protocol dump
     * names is dumped once those are in.
     */
    @Override
    public Reading read(Scope scope) {
        return read(scope, false);
    }

    /** Batched (when the kernel holds few routes): the dumps run as three `ip -batch` processes instead of one each. */
    @Override
    public Reading read(Scope scope, boolean batched) {
        Dumps dumps = new Dumps(runner, target, batched && RouteCount.few(target));
        dumps.start("rules", "-N", "-j", "-d", "-4", "rule", "show");
        String holding = "routes of protocol " + scope.protocol();
        dumps.start(holding, "-N", "-j", "-4", "route", "show", "table", "all", "proto", String.valueOf(scope.protocol()));
        dumps.start("nexthops", "-N", "-j", "-d", "nexthop", "show");
        SortedSet<Integer> named = scope.tables().filter(t -> !NetState.kernelTable(t));
        named.forEach(t -> dumps.start(table(t), tableDump(t)));
        java.util.List<KernelObject> owned = new ArrayList<>();
        Counter foreign = new Counter();
        for (JsonNode n : parsed("rules", dumps.result("rules"))) {
            Option<KernelObject> rule = IpJson.rule(n);
            if (ownedRule(scope, n) && rule.isDefined()) owned.add(rule.get());
            else if (!IpJson.kernelDefault(n)) foreign.rule(rule.filter(r -> scope.ownsPriority(((Rule) r).priority())));
        }
        SortedSet<Integer> tables = named
                .addAll(List.ofAll(owned).flatMap(o -> o instanceof Rule r ? r.lookupTable() : List.empty()))
                .addAll(tablesHolding(holding, dumps.result(holding)))
                .filter(t -> !NetState.kernelTable(t));
        tables.removeAll(named).forEach(t -> dumps.start(table(t), tableDump(t)));
        for (int t : tables) readTable(t, dumps.result(table(t)), scope.protocol(), owned, foreign);
        readNexthops(dumps.result("nexthops"), scope.protocol(), owned, foreign);
        return new Reading(List.ofAll(owned), foreign.toForeign());
    }

    private static String table(int table) {
        return "routes of table " + table;
    }

    private static String[] tableDump(int table) {
        return new String[]{"-N", "-j", "-d", "-4", "route", "show", "table", String.valueOf(table)};
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
    private static SortedSet<Integer> tablesHolding(String what, Runner.Result r) {
        return TreeSet.ofAll(List.ofAll(parsed(what, r))
                .map(n -> n.path("table").asText("254")).filter(t -> t.matches("\\d+")).map(Integer::valueOf));
    }

    private static void readTable(int table, Runner.Result r, int protocol, java.util.List<KernelObject> owned, Counter foreign) {
        if (!r.ok() && r.stderr().contains("FIB table does not exist")) return;
        for (JsonNode n : parsed(table(table), r)) {
            Option<KernelObject> route = IpJson.route(n, table);
            if (IpJson.protocol(n) == protocol && route.isDefined()) owned.add(route.get());
            else if (route.isDefined() || n.path("tos").asInt(0) != 0) foreign.route(route);
            else foreign.oddRoute(ObjectKey.route(table, n.path("dst").asText(), n.path("metric").asLong(0)), IpJson.routeWords(n, table));
        }
    }

    private static void readNexthops(Runner.Result r, int protocol, java.util.List<KernelObject> owned, Counter foreign) {
        if (!r.ok() && r.stderr().contains("Object \"nexthop\" is unknown")) {
            throw new KernelError(KernelError.Reason.MISSING_TOOL,
                    "this iproute2 has no nexthop objects: install iproute2 5.3 or newer");
        }
        for (JsonNode n : parsed("nexthops", r)) {
            Option<KernelObject> nexthop = IpJson.nexthop(n);
            if (IpJson.protocol(n) == protocol && nexthop.isDefined()) owned.add(nexthop.get());
            else if (nexthop.isDefined()) foreign.nexthop(nexthop);
            else foreign.oddNexthop(ObjectKey.nexthop(Kind.NEXTHOP, n.path("id").asInt()), IpJson.nexthopWords(n));
        }
    }

    @Override
    public Either<String, List<String>> render(List<Change> run) {
        java.util.List<String> out = new ArrayList<>();
        for (Change c : run) {
            Either<String, List<String>> lines = IpSyntax.lines(c);
            if (lines.isLeft()) return Either.left(lines.getLeft());
            lines.get().forEach(l -> out.add("ip " + l));
        }
        return Either.right(List.ofAll(out));
    }

    @Override
    public Written write(List<Change> changes) {
        List<String> lines = changes.flatMap(c -> IpSyntax.lines(c).get());
        Runner.Result r = runner.run(target.ip("-batch", "-"), lines.map(l -> l + "\n").mkString());
        List<String> commands = lines.map(l -> "ip " + l);
        if (r.ok()) return new Written(commands, Option.none(), false);
        int failedAt = failedLine(r.stderr());
        if (failedAt < 1 || failedAt > lines.size()) {
            // A line it cannot parse ends ip -batch at once, without its number (so does a namespace it cannot
            // enter, before any line): what ran is known only from a read of the kernel, which the revert makes.
            return new Written(commands, Option.some("ip -batch failed without saying at which line, so some of these "
                    + commands.size() + " commands may not have run: " + r.stderr().strip()), false);
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
        TreeMap<ObjectKey, String> odd = TreeMap.empty();

        /** Rules never collide (the kernel keeps both), but one in mlb's priorities may shadow mlb's. */
        void rule(Option<KernelObject> inOwnedPriorities) {
            rules++;
            keep(inOwnedPriorities);
        }

        void route(Option<KernelObject> modelled) {
            routes++;
            keep(modelled);
        }

        void nexthop(Option<KernelObject> modelled) {
            nexthops++;
            keep(modelled);
        }

        /** An object of a shape mlb does not read (of any protocol): it cannot be changed, only collided with. */
        void oddRoute(ObjectKey key, String words) {
            routes++;
            odd = odd.put(key, words);
        }

        void oddNexthop(ObjectKey key, String words) {
            nexthops++;
            odd = odd.put(key, words);
        }

        private void keep(Option<KernelObject> modelled) {
            modelled.forEach(o -> colliding = colliding.put(o.key(), o));
        }

        Foreign toForeign() {
            return new Foreign(rules, routes, nexthops, colliding, odd);
        }
    }
}
