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
     * Rules, the tables holding routes of mlb's protocol and the tables the scope names, in one `ip -batch`; the
     * tables only the rules or the protocol dump name (left by a failed revert or a hand-deleted rule), in a
     * second; nexthops alone, since `-4` would hide their groups (which have no address family).
     */
    @Override
    public Reading read(Scope scope) {
        java.util.List<KernelObject> owned = new ArrayList<>();
        Counter foreign = new Counter();
        SortedSet<Integer> known = scope.tables().filter(t -> !NetState.kernelTable(t));
        List<Dump> first = List.of(new Dump("rules", "rule", "show"),
                new Dump("routes of protocol " + scope.protocol(), "route", "show", "table", "all", "proto", String.valueOf(scope.protocol())))
                .appendAll(known.toList().map(Dump::table));
        List<JsonNode> got = dumps(first);
        for (JsonNode n : got.get(0)) {
            Option<KernelObject> rule = IpJson.rule(n);
            if (ownedRule(scope, n) && rule.isDefined()) owned.add(rule.get());
            else if (!IpJson.kernelDefault(n)) foreign.rule(rule.filter(r -> scope.ownsPriority(((Rule) r).priority())));
        }
        known.toList().zip(got.drop(2)).forEach(t -> readTable(t._1, scope.protocol(), t._2, owned, foreign));
        SortedSet<Integer> more = TreeSet.ofAll(List.ofAll(owned).flatMap(o -> o instanceof Rule r ? List.of(r.table()) : List.empty()))
                .addAll(tablesHolding(got.get(1)))
                .filter(t -> !NetState.kernelTable(t) && !known.contains(t));
        more.toList().zip(dumps(more.toList().map(Dump::table))).forEach(t -> readTable(t._1, scope.protocol(), t._2, owned, foreign));
        readNexthops(scope.protocol(), owned, foreign);
        return new Reading(List.ofAll(owned), foreign.toForeign());
    }

    /** One `ip -N -j -d -4` dump: what it reads (for errors) and its words. */
    private record Dump(String what, List<String> words) {
        Dump(String what, String... words) {
            this(what, List.of(words));
        }

        static Dump table(int table) {
            return new Dump("routes of table " + table, "route", "show", "table", String.valueOf(table));
        }

        boolean ofTable() {
            return words.size() == 4 && words.get(2).equals("table");
        }
    }

    /**
     * The dumps' answers in order, from one `ip -batch` (it prints one JSON document per command and stops at
     * the first that fails). Should it fail, or print another number of documents (another iproute2), each dump
     * runs alone instead, which reports its own failure exactly.
     */
    private List<JsonNode> dumps(List<Dump> dumps) {
        if (dumps.isEmpty()) return List.empty();
        if (dumps.size() > 1) {
            Runner.Result r = runner.run(target.ip("-N", "-j", "-d", "-4", "-batch", "-"),
                    dumps.map(d -> d.words().mkString(" ") + "\n").mkString());
            if (r.ok()) {
                try {
                    List<JsonNode> docs = IpJson.documents(r.stdout());
                    if (docs.size() == dumps.size()) return docs;
                } catch (IllegalArgumentException unreadable) {
                    // read each alone, which says what is wrong
                }
            }
        }
        return dumps.map(this::alone);
    }

    private JsonNode alone(Dump d) {
        Runner.Result r = ip(List.of("-N", "-j", "-d", "-4").appendAll(d.words()).toJavaArray(String[]::new));
        // in -batch the kernel answers a missing table with nothing; alone with this error
        if (!r.ok() && d.ofTable() && r.stderr().contains("FIB table does not exist")) return IpJson.tree("");
        return parsed(d.what(), r);
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
    private static SortedSet<Integer> tablesHolding(JsonNode routes) {
        return TreeSet.ofAll(List.ofAll(routes).map(n -> n.path("table").asText("254"))
                .filter(t -> t.matches("\\d+")).map(Integer::valueOf));
    }

    private static void readTable(int table, int protocol, JsonNode routes, java.util.List<KernelObject> owned, Counter foreign) {
        for (JsonNode n : routes) {
            Option<KernelObject> route = IpJson.route(n, table);
            if (IpJson.protocol(n) == protocol && route.isDefined()) owned.add(route.get());
            else if (route.isDefined() || n.path("tos").asInt(0) != 0) foreign.route(route);
            else foreign.oddRoute(ObjectKey.route(table, n.path("dst").asText(), n.path("metric").asLong(0)), IpJson.routeWords(n, table));
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
            else if (nexthop.isDefined()) foreign.nexthop(nexthop);
            else foreign.oddNexthop(ObjectKey.nexthop(Kind.NEXTHOP, n.path("id").asInt()), IpJson.nexthopWords(n));
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

    private Runner.Result ip(String... args) {
        return runner.run(target.ip(args));
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
