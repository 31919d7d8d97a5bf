package mlb.kernel.nft;

import io.vavr.collection.List;
import mlb.plan.Diff;
import mlb.proc.Runner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A listing started early serves the next read once, and never one after a write. */
class NftPrefetchTest {
    private final AtomicInteger listings = new AtomicInteger();
    private final String listed;
    private final NftDriver driver;

    NftPrefetchTest() throws IOException {
        listed = Files.readString(Path.of("src/test/resources/fixtures/nft/sample.json"));
        driver = new NftDriver(new Nft() {
            @Override
            public Runner.Result listRuleset() {
                listings.incrementAndGet();
                return new Runner.Result(0, listed, "");
            }

            @Override
            public Runner.Result apply(String script) {
                return new Runner.Result(0, "", "");
            }

            @Override
            public Runner.Result check(String script) {
                return new Runner.Result(0, "", "");
            }
        });
    }

    /** Until the listing started in the background has run: a read after it must not list again. */
    private void awaitEarlyListing() {
        long until = System.nanoTime() + 5_000_000_000L;
        while (listings.get() == 0 && System.nanoTime() < until) Thread.onSpinWait();
        assertEquals(1, listings.get(), "the early listing ran");
    }

    @Test
    void thePrefetchedListingIsTheNextReadsAndOnlyItsOwn() {
        driver.prefetch();
        awaitEarlyListing();
        var first = driver.read(NftSamples.scope());
        assertEquals(1, listings.get(), "the read took the listing started before it, and listed nothing itself");
        assertEquals(NftSamples.table().size(), first.owned().size());
        driver.read(NftSamples.scope());
        assertEquals(2, listings.get(), "a second read lists again");
    }

    @Test
    void aWriteMakesThePrefetchedListingOld() {
        driver.prefetch();
        awaitEarlyListing();
        driver.write(List.ofAll(Diff.changes(mlb.model.NetState.empty(), NftSamples.table())).take(1));
        driver.read(NftSamples.scope());
        assertEquals(2, listings.get(), "listed again after the write: " + listings.get());
    }
}
