package mlb.monitor.health;

import io.vavr.Tuple2;
import io.vavr.collection.Array;
import io.vavr.collection.Queue;
import io.vavr.control.Option;

import java.time.Duration;
import java.util.Objects;

/**
 * The last rounds of a link, at most `capacity` of them, with running sums so that a round costs O(targets)
 * whatever the window's length.
 *
 * <p>Loss is that of the target the link needs most: the lost-probe counts per target are sorted and the
 * `reliability`-th smallest is taken. With reliability 1 that is the best target, so a resolver that stops
 * answering everywhere does not degrade every link at once (the round rule already ignores it); with reliability
 * equal to the number of targets it is the worst one. Loss percent is rounded up, so "loss 10 % (max 10 %)" is
 * never a breach and a breach never prints as the maximum.
 *
 * <p>RTT is the mean of every answer in the window, not the median: it is what the log reports, it costs O(1) a
 * round from the running sums where a median needs an ordered multiset of the window, and one slow answer weighs
 * only rtt / answers in the window (anything slower than the prober's timeout is a loss, not an answer), while
 * sustained latency such as a bloated uplink queue moves the mean as surely as it moves the median.
 */
public final class Window {
    /** A quality maximum is cleared when the window stays within this many fifths of it: 4/5 = 80 %. */
    static final int CLEAR_FIFTHS = 4;

    private final int capacity;
    private final int reliability;
    private final Queue<Sample> samples;
    private final Array<Integer> lost;
    private final long rttNanos;
    private final int answers;

    /** One round: a bit per target (policy order) that was lost, and the sum and count of its answers. */
    record Sample(long lostMask, long rttNanos, int answers) {
    }

    private Window(int capacity, int reliability, Queue<Sample> samples, Array<Integer> lost, long rttNanos, int answers) {
        this.capacity = capacity;
        this.reliability = reliability;
        this.samples = samples;
        this.lost = lost;
        this.rttNanos = rttNanos;
        this.answers = answers;
    }

    static Window empty(HealthPolicy policy) {
        return new Window(policy.window(), policy.reliability(), Queue.empty(),
                Array.fill(policy.targets().size(), 0), 0, 0);
    }

    Window add(Sample s) {
        Queue<Sample> q = samples.enqueue(s);
        Array<Integer> l = count(lost, s.lostMask(), 1);
        long sum = rttNanos + s.rttNanos();
        int n = answers + s.answers();
        if (q.size() > capacity) {
            Tuple2<Sample, Queue<Sample>> oldest = q.dequeue();
            Sample o = oldest._1;
            q = oldest._2;
            l = count(l, o.lostMask(), -1);
            sum -= o.rttNanos();
            n -= o.answers();
        }
        return new Window(capacity, reliability, q, l, sum, n);
    }

    Window restart() {
        return new Window(capacity, reliability, Queue.empty(), Array.fill(lost.size(), 0), 0, 0);
    }

    private static Array<Integer> count(Array<Integer> lost, long mask, int delta) {
        Array<Integer> l = lost;
        for (long m = mask; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            l = l.update(i, l.get(i) + delta);
        }
        return l;
    }

    /** Rounds held (at most the policy's window). */
    public int rounds() {
        return samples.size();
    }

    /** Whether it holds a whole window: quality is judged only then. */
    public boolean full() {
        return samples.size() == capacity;
    }

    /** Loss percent over the rounds held, rounded up; none before the first round. */
    public Option<Integer> lossPercent() {
        int n = rounds();
        return n == 0 ? Option.none() : Option.some((int) ((lostNeeded() * 100L + n - 1) / n));
    }

    /** Mean RTT of the answers held; none while nothing answered. */
    public Option<Duration> meanRtt() {
        return answers == 0 ? Option.none() : Option.some(Duration.ofNanos(rttNanos / answers));
    }

    private int lostNeeded() {
        return lost.sorted().get(reliability - 1);
    }

    boolean lossOver(int maxPercent) {
        return lostNeeded() * 100L > (long) maxPercent * rounds();
    }

    boolean lossClear(int maxPercent) {
        return lostNeeded() * 100L * 5 <= (long) maxPercent * rounds() * CLEAR_FIFTHS;
    }

    /** Exact: the sum against max × count, no rounding of the mean. */
    boolean rttOver(Duration max) {
        return answers > 0 && rttNanos > max.toNanos() * answers;
    }

    boolean rttClear(Duration max) {
        return rttNanos * 5 <= max.toNanos() * answers * CLEAR_FIFTHS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Window w && capacity == w.capacity && reliability == w.reliability
                && rttNanos == w.rttNanos && answers == w.answers && samples.equals(w.samples) && lost.equals(w.lost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, reliability, samples, rttNanos, answers);
    }

    @Override
    public String toString() {
        return "Window[" + rounds() + "/" + capacity + " rounds, loss " + lossPercent().map(p -> p + " %").getOrElse("-")
                + ", mean rtt " + meanRtt().map(Text::ms).getOrElse("-") + "]";
    }
}
