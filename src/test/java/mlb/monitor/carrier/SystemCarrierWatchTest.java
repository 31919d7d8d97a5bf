package mlb.monitor.carrier;

import io.vavr.collection.HashSet;
import mlb.kernel.Generation;
import mlb.monitor.Log;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Followers that cannot run (a namespace that does not exist): ip's is tried again, nft's given up, said once. */
class SystemCarrierWatchTest {
    @Test
    void aFollowerOfNftsEventsThatCannotStartIsGivenUpAndIpsIsNot() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        Log log = new Log() {
            public void line(String text) {
            }

            public void problem(String text) {
                problems.add(text);
            }
        };
        Generation changes = new Generation();
        AutoCloseable watch = new SystemCarrierWatch(Target.netns("mlbt-none-" + ProcessHandle.current().pid()), log, true)
                .start(e -> { }, changes);
        try {
            long until = System.nanoTime() + 20_000_000_000L;
            while (problems.stream().noneMatch(p -> p.contains("not started again")) && System.nanoTime() < until) Thread.sleep(100);
            Thread.sleep(1500);
        } finally {
            watch.close();
        }
        assertEquals(1, problems.stream().filter(p -> p.contains("nft monitor") && p.contains("not started again")).count(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("ip -n mlbt-none-") && p.contains("starting it again in 1 s")), problems::toString);
        assertTrue(problems.stream().noneMatch(p -> p.contains("ip -n mlbt-none-") && p.contains("not started again")), problems::toString);
        assertEquals(io.vavr.control.Option.none(), changes.now(HashSet.of("ip")), "nothing followed");
    }
}
