package mlb.kernel;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How often the kernel said something changed, as counted by followers of its events (`ip monitor`, `nft
 * monitor`): while the count stands still and its followers run, what was read at that count still holds. A
 * follower that starts or stops counts as a change too, since it may have missed one in between.
 */
public final class Generation {
    private final AtomicLong count = new AtomicLong();
    private volatile Set<String> following = HashSet.empty();

    /** The kernel said something changed; the count this change made. */
    public long changed() {
        return count.incrementAndGet();
    }

    /** A follower of these events (by name: "ip", "nft") started or stopped. */
    public synchronized void following(String follower, boolean on) {
        following = on ? following.add(follower) : following.remove(follower);
        count.incrementAndGet();
    }

    /** The count now, if every follower named runs; none when one does not (nothing read can be trusted then). */
    public Option<Long> now(Set<String> needed) {
        long n = count.get();
        return following.containsAll(needed) ? Option.some(n) : Option.none();
    }
}
