package mlb.monitor;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HandoffTest {
    final Deque<Runnable> tasks = new ArrayDeque<>();
    final List<String> ran = new ArrayList<>();
    final Handoff handoff = new Handoff(tasks::add, () -> ran.add("after"));

    @Test
    void whatArrivesTogetherRunsInOneTaskInOrderThenAfterOnce() {
        handoff.submit(() -> ran.add("isp1"));
        handoff.submit(() -> ran.add("isp2"));
        handoff.submit(() -> ran.add("isp3"));
        assertEquals(1, tasks.size(), "one task for the three");
        tasks.poll().run();
        assertEquals(List.of("isp1", "isp2", "isp3", "after"), ran);
    }

    @Test
    void whatArrivesWhileATaskRunsGetsATaskOfItsOwn() {
        handoff.submit(() -> {
            ran.add("isp1");
            handoff.submit(() -> ran.add("isp2"));
        });
        tasks.poll().run();
        assertEquals(List.of("isp1", "isp2", "after"), ran, "taken in by the running task");
        assertEquals(1, tasks.size(), "and a task was scheduled for it, which finds nothing left");
        tasks.poll().run();
        assertEquals(List.of("isp1", "isp2", "after", "after"), ran);
        handoff.submit(() -> ran.add("isp3"));
        assertEquals(1, tasks.size(), "after a drain, the next piece schedules again");
    }
}
