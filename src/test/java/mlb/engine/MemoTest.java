package mlb.engine;

import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import mlb.kernel.Generation;
import mlb.model.Foreign;
import mlb.model.NetState;
import mlb.model.Observed;
import mlb.model.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoTest {
    private final MovableClock clock = new MovableClock();
    private final Memo memo = new Memo(clock);
    private final Generation changes = new Generation();
    private final Scope scope = Scope.of(250, new Scope.Priorities(20000, 20099));
    private final Observed observed = new Observed(NetState.empty(), Foreign.NONE);

    private void readNow() {
        memo.beforeReading(Memo.followers(scope)).forEach(g -> memo.read(scope, observed, g, Memo.followers(scope)));
    }

    @Test
    void aStateReadIsReusedOnlyWhileTheEventsAreFollowedAndSayNothingChanged() {
        memo.follow(changes);
        readNow();
        assertEquals(Option.none(), memo.unchanged(scope), "nobody follows the kernel's events: nothing is kept");
        changes.following("ip", true);
        readNow();
        assertEquals(Option.some(observed), memo.unchanged(scope));
        assertEquals(Option.none(), memo.unchanged(scope.withNftTable("mlb")), "another scope reads more");
        changes.changed();
        assertEquals(Option.none(), memo.unchanged(scope), "the kernel changed since");
    }

    @Test
    void theMonitorsOwnWriteDropsWhatItRead() {
        memo.follow(changes);
        changes.following("ip", true);
        readNow();
        memo.writing();
        assertEquals(Option.none(), memo.unchanged(scope));
    }

    @Test
    void aCarrierEventRightAfterTheReadChangesWhatWasReadAsTheKernelDoes() {
        memo.follow(changes);
        changes.following("ip", true);
        mlb.model.Nexthop onIsp2 = new mlb.model.Nexthop(202, "198.18.2.1", "isp2", false, 250);
        Observed withNexthop = new Observed(NetState.of(io.vavr.collection.List.of(onIsp2)), Foreign.NONE);
        memo.beforeReading(Memo.followers(scope)).forEach(g -> memo.read(scope, withNexthop, g, Memo.followers(scope)));
        assertFalse(memo.carrier("isp2", false, changes.changed()), "no facts were read: nothing to change");
        memo.beforeReading(Memo.followers(scope)).forEach(g -> memo.read(scope, withNexthop, g, Memo.followers(scope)));
        changes.changed();
        assertFalse(memo.carrier("isp2", false, changes.changed()), "another event came between");
    }

    @Test
    void aReadAheadIsDueAfterAQuietSecondOnceTheMonitorWroteOrAMinutePassed() {
        memo.follow(changes);
        changes.following("ip", true);
        var ip = HashSet.of("ip");
        assertFalse(memo.readingDue(ip), "the first look only notes the count");
        assertTrue(memo.readingDue(ip), "quiet since, and never read");
        readNow();
        assertFalse(memo.readingDue(ip), "read at this count");
        memo.writing();
        changes.changed();
        assertFalse(memo.readingDue(ip), "not quiet yet");
        assertTrue(memo.readingDue(ip), "quiet, and the monitor wrote since its read");
        readNow();
        changes.changed();
        memo.readingDue(ip);
        assertFalse(memo.readingDue(ip), "someone else changed the kernel: not again within the minute");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(memo.readingDue(ip));
    }

    @Test
    void noReadAheadThatCouldNotBeKept() {
        memo.follow(changes);
        changes.following("ip", true);
        var both = HashSet.of("ip", "nft");
        for (int i = 0; i < 5; i++) assertFalse(memo.readingDue(both), "nft's events are not followed: a read would not hold");
    }
}
