package mlb.kernel.nft;

import io.vavr.collection.List;
import mlb.it.Netns;
import mlb.kernel.Reading;
import mlb.kernel.Written;
import mlb.model.Change;
import mlb.model.NetState;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftSet;

import mlb.plan.Diff;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nft driver against the real nftables of a fresh namespace: what it writes it reads back as the same
 * objects, a weight change touches only map elements (the chains keep their rule handles), a failed script
 * changes nothing, and another program's table is counted and never touched. FakeNft is held to the same.
 */
class NftDriverIT {
    private Netns ns;
    private NftDriver nft;

    @BeforeEach
    void namespace() {
        Netns.assumeAvailable();
        ns = Netns.create();
        nft = new NftDriver(new SystemRunner(), Target.netns(ns.name));
    }

    @AfterEach
    void delete() {
        if (ns != null) ns.close();
    }

    @Test
    void whatItWritesItReadsBackAsTheSameObjects() {
        NetState want = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), want)));
        Reading seen = nft.read(NftSamples.scope());
        assertEquals(want, NetState.of(seen.owned()));
        assertEquals(List.empty(), Diff.changes(NetState.of(seen.owned()), want), "a second plan is empty");
        FakeNft fake = new FakeNft();
        assertOk(fake.write(Diff.changes(NetState.empty(), want)));
        assertEquals(want, NetState.of(fake.objects()), "the fake ends where the kernel does");
    }

    @Test
    void aWeightChangeRewritesOnlyMapElements() {
        NetState before = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), before)));
        String handles = ns.exec("nft", "-a", "list", "chain", "inet", NftSamples.TABLE, "prerouting");
        NetState after = NftSamples.table(i -> i % 2 == 0 ? "a" : "b");
        List<Change> changes = Diff.changes(before, after);
        assertTrue(changes.forAll(c -> c instanceof Change.Update && c.subject() instanceof NftElement), changes.mkString("\n"));
        assertOk(nft.write(changes));
        assertEquals(after, read());
        assertEquals(handles, ns.exec("nft", "-a", "list", "chain", "inet", NftSamples.TABLE, "prerouting"));
    }

    /**
     * What the kernel itself reports for a weight change (`nft monitor`, not mlb's own output): map elements deleted
     * and added, nothing else. Sentinel tables before and after bound the window without timing.
     */
    @Test
    void nftMonitorSeesOnlyElementsForAWeightChange() throws Exception {
        NetState before = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), before)));
        Process monitor = new ProcessBuilder("ip", "netns", "exec", ns.name, "nft", "monitor")
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(monitor.getInputStream()));
            List<String> seen = List.empty();
            while (!seen.exists(l -> l.contains("add table ip sentinel_a"))) {
                ns.exec("nft", "add table ip sentinel_a; delete table ip sentinel_a");
                seen = seen.appendAll(ready(out));
            }
            assertOk(nft.write(Diff.changes(before, NftSamples.table(i -> i % 2 == 0 ? "a" : "b"))));
            ns.exec("nft", "add table ip sentinel_b");
            List<String> lines = List.empty();
            while (!lines.exists(l -> l.contains("add table ip sentinel_b"))) lines = lines.appendAll(line(out));
            List<String> during = lines.dropRight(1).filter(l -> !l.contains("sentinel_a") && !l.isBlank() && !l.startsWith("#"));
            assertTrue(!during.isEmpty() && during.forAll(l -> l.matches("(add|delete) element inet mlbt slots .*")),
                    during.mkString("\n"));
            assertEquals(3, during.count(l -> l.startsWith("add element")), "slots 2, 3 and 4 change: " + during.mkString("\n"));
        } finally {
            monitor.destroy();
            monitor.waitFor();
        }
    }

    private static List<String> ready(java.io.BufferedReader out) throws java.io.IOException {
        List<String> got = List.empty();
        long until = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < until) {
            if (out.ready()) got = got.append(out.readLine());
            else Thread.onSpinWait();
        }
        return got;
    }

    private static List<String> line(java.io.BufferedReader out) throws java.io.IOException {
        String l = out.readLine();
        if (l == null) throw new AssertionError("nft monitor ended");
        return List.of(l);
    }

    @Test
    void aFailedScriptChangesNothing() {
        NetState before = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), before)));
        NetState broken = before.with(NftElement.jump(NftSamples.TABLE, "marks", new NftElement.Mark(0x30000), "link_c"))
                .with(NftElement.jump(NftSamples.TABLE, "slots", new NftElement.Value(0), "link_b"));
        Written w = nft.write(Diff.changes(before, broken));
        assertFalse(w.ok());
        assertTrue(w.failure().get().contains("nothing of it was applied"), w.failure().get());
        assertEquals(before, read());
    }

    @Test
    void anotherProgramsTableIsCountedAndNeverTouched() {
        ns.exec("nft", "add table inet firewall; add chain inet firewall input { type filter hook input priority 0 ; }");
        NetState want = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), want)));
        Reading seen = nft.read(NftSamples.scope());
        assertEquals(1, seen.foreign().nftTables());
        assertOk(nft.write(Diff.changes(NetState.of(seen.owned()), NetState.empty())));
        assertEquals(NetState.empty(), read());
        assertTrue(ns.exec("nft", "list", "tables").contains("table inet firewall"));
    }

    @Test
    void aChangedChainIsRewrittenInOneTransaction() {
        NetState before = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), before)));
        NftChain post = (NftChain) before.all(NftChain.class).find(c -> c.name().equals("postrouting")).get();
        NetState after = before.with(new NftChain(post.table(), post.name(), post.hook(), post.rules().take(1)));
        assertOk(nft.write(Diff.changes(before, after)));
        assertEquals(after, read());
    }

    @Test
    void aReplacedMapTakesItsElementsAndTheChainUsingItAlong() {
        NetState before = NftSamples.table();
        assertOk(nft.write(Diff.changes(NetState.empty(), before)));
        NftSet slots = before.all(NftSet.class).find(s -> s.name().equals("slots")).get();
        NetState after = before.with(new NftSet(slots.table(), slots.name(), slots.keyType(), true, true));
        assertOk(nft.write(Diff.changes(before, after)));
        assertEquals(after, read());
    }

    private NetState read() {
        return NetState.of(nft.read(NftSamples.scope()).owned());
    }

    private static void assertOk(Written w) {
        assertTrue(w.ok(), () -> w.failure().getOrElse("") + "\n" + w.sent().mkString("\n"));
    }
}
