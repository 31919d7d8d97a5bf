package mlb.kernel.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.Driver;
import mlb.kernel.Reading;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.Scope;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mlb's nftables tables through `nft`: one `nft -j list ruleset` to read (one process: two, `list tables` and
 * `list table inet NAME`, made a connmark plan a tenth slower than a route-mode one), of which only mlb's tables
 * become objects and the others are only counted, never modelled or touched; and one `nft -f -` script to write, a
 * transaction the kernel applies all or nothing. A scope without nft tables (route mode) costs no process at all.
 */
public final class NftDriver implements Driver {
    private static final Set<Kind> KINDS = HashSet.ofAll(Kind.nftKinds());
    private static final Pattern FAILED_LINE = Pattern.compile("/dev/stdin:(\\d+):");
    /** A listing started early is used by the next read only while this fresh, and never after a write. */
    private static final long EARLY_FOR_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private final Nft nft;
    private final java.util.concurrent.atomic.AtomicReference<Early> early = new java.util.concurrent.atomic.AtomicReference<>();

    private record Early(long startedNanos, java.util.concurrent.CompletableFuture<JsonNode> ruleset) {
    }

    public NftDriver(Runner runner, Target target) {
        this(Nft.process(runner, target));
    }

    public NftDriver(Nft nft) {
        this.nft = nft;
    }

    /** For a long-running mlb in the target's namespace: libnftables in this process, else `nft` processes. */
    public static NftDriver resident(Runner runner, Target target) {
        return new NftDriver(LibNftables.forTarget(target).getOrElse(() -> Nft.process(runner, target)));
    }

    @Override
    public Set<Kind> kinds() {
        return KINDS;
    }

    @Override
    public Reading read(Scope scope) {
        if (scope.nftTables().isEmpty()) return new Reading(List.empty(), Foreign.NONE);
        JsonNode ruleset = early().getOrElse(this::ruleset);
        List<String> present = NftJson.tables(ruleset, NftSyntax.FAMILY).filter(scope.nftTables()::contains);
        List<KernelObject> owned = List.ofAll(NftJson.objects(NftJson.only(ruleset, NftSyntax.FAMILY, present)));
        return new Reading(owned, Foreign.nftTables(NftJson.allTables(ruleset) - present.size()));
    }

    /**
     * Lists (and parses) the ruleset in the background now, for the next read: `nft -j list ruleset` takes half a
     * second with a 100 000-element list, which a plan can spend parsing its spec instead.
     */
    @Override
    public void prefetch() {
        early.set(new Early(System.nanoTime(), java.util.concurrent.CompletableFuture.supplyAsync(this::ruleset)));
    }

    private JsonNode ruleset() {
        return parsed("the nftables ruleset", nft.listRuleset());
    }

    /** The listing prefetched for this read, once, if it is fresh; its failure is the read's. */
    private io.vavr.control.Option<JsonNode> early() {
        Early e = early.getAndSet(null);
        if (e == null || System.nanoTime() - e.startedNanos() > EARLY_FOR_NANOS) return io.vavr.control.Option.none();
        try {
            return io.vavr.control.Option.some(e.ruleset().join());
        } catch (java.util.concurrent.CompletionException x) {
            if (x.getCause() instanceof RuntimeException r) throw r;
            throw x;
        }
    }

    @Override
    public Either<String, List<String>> render(List<Change> run) {
        return NftSyntax.script(run).map(lines -> lines.map(l -> "nft " + l));
    }

    /** One transaction: the kernel takes all of it or none of it, so on failure nothing was changed. */
    @Override
    public Written write(List<Change> changes) {
        early.set(null);
        List<String> lines = NftSyntax.script(changes).get();
        List<String> commands = lines.map(l -> "nft " + l);
        Runner.Result r = nft.apply(lines.map(l -> l + "\n").mkString());
        if (r.ok()) return new Written(commands, Option.none(), true);
        return new Written(commands, Option.some("nft -f (one transaction, so nothing of it was applied): "
                + failedLine(r.stderr(), commands) + r.stderr().strip()), true);
    }

    /** The kernel checks the transaction (nft -c) and applies none of it: see Driver.rehearse. */
    @Override
    public void rehearse(List<Change> changes) {
        NftSyntax.script(changes).forEach(lines -> nft.check(lines.map(l -> l + "\n").mkString()));
    }

    /** The whole run at once: it must stay one transaction. */
    @Override
    public int batch() {
        return Integer.MAX_VALUE;
    }

    private static String failedLine(String stderr, List<String> commands) {
        Matcher m = FAILED_LINE.matcher(stderr);
        if (!m.find()) return "";
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= commands.size() ? "at `" + commands.get(n - 1) + "`: " : "";
    }

    private static JsonNode parsed(String what, Runner.Result r) {
        if (!r.ok()) throw NftErrors.from("reading " + what, r.stderr());
        return NftJson.tree(r.stdout());
    }
}
