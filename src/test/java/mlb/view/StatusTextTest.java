package mlb.view;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.engine.Lock;
import mlb.engine.Status;
import mlb.history.MonitorView;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `mlb status` while another mlb holds the target's lock: who, since when, and no word of drift or journal. */
class StatusTextTest {
    private static String render(Status s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new StatusText(new PrintStream(bytes, true, StandardCharsets.UTF_8), StateArg.none()).render(s);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBusyTargetNamesTheHolderAndLeavesDriftAndItsJournalEntryAlone() {
        Lock.Busy busy = new Lock.Busy(new Lock.Holder("4242", "/var/lib/mlb"), Instant.parse("2026-12-01T10:00:00Z"));
        String out = render(new Status(Target.netns("x"), Option.none(), Option.none(), Option.none(), true,
                Option.none(), Option.some(busy)));
        assertTrue(out.contains("Busy:            mlb (pid 4242, state /var/lib/mlb) has been changing netns x since "), out);
        assertTrue(out.contains("Drift:           not looked at while another mlb changes the kernel"), out);
        assertFalse(out.contains("Journal:"), "the holder records its own journaled entry: " + out);
    }

    @Test
    void anIdleTargetWithAJournaledEntrySaysTheNextApplyRecordsIt() {
        String out = render(new Status(Target.netns("x"), Option.none(), Option.none(), Option.none(), true,
                Option.none(), Option.none()));
        assertTrue(out.contains("Journal:         an apply waits to be recorded (the next apply records it)"), out);
        assertTrue(out.contains("Drift:           unknown (nothing recorded)"), out);
    }

    /** The monitor keeps the last answer a link ever gave; a link that answers nothing now has no rtt to show. */
    @Test
    void aDownLinkShowsNoLastRtt() {
        Instant since = Instant.parse("2026-12-01T10:00:00Z");
        MonitorView view = new MonitorView(4242, since, since, "/etc/mlb/mlb.toml", TreeSet.of("isp1"), Option.none(), List.of(
                new MonitorView.LinkView("isp1", "wan1", "up", since, "3/3 rounds answered, rtt 12 ms", Option.some(12.3),
                        Option.some(0), Option.some(11.8), 1),
                new MonitorView.LinkView("isp2", "wan2", "down", since, "3/3 rounds lost, last rtt 0 ms", Option.some(0.0),
                        Option.some(100), Option.none(), 1)), 0);
        String out = render(new Status(Target.netns("x"), Option.none(), Option.none(), Option.none(), false,
                Option.some(new Status.Monitoring(view, true, HashMap.empty(), java.time.Duration.ofSeconds(1))), Option.none()));
        String isp2 = List.of(out.split("\n")).find(l -> l.strip().startsWith("isp2")).getOrElse("");
        assertTrue(isp2.matches("\\s*isp2\\s+down\\s+10:00:00 UTC\\s+-\\s+100 %\\s+-\\s+0 .*"), out);
        assertTrue(out.contains("12 ms"), "an answering link keeps its figure: " + out);
        assertFalse(out.contains("-1"), "no counters read: none shown, not -1: " + out);
    }

    @Test
    void aMonitorThatCannotWriteItsViewOrJournalSaysSo() {
        Instant written = Instant.now().minusSeconds(40);
        mlb.history.MonitorView v = new mlb.history.MonitorView(ProcessHandle.current().pid(), written.minusSeconds(60), written,
                "/etc/mlb/home.toml", io.vavr.collection.TreeSet.of("isp1"), Option.none(), io.vavr.collection.List.empty(), 2);
        Status.Monitoring m = new Status.Monitoring(v, true, io.vavr.collection.TreeMap.empty(), java.time.Duration.ofSeconds(40));
        String out = render(new Status(Target.netns("x"), Option.none(), Option.none(), Option.none(), false,
                Option.some(m), Option.none()));
        assertTrue(out.contains("its view is stale: last written ") && out.contains(", 40 s ago (it rewrites it every 2 s): it"
                + " cannot write the state directory (full or read-only?)"), out);
        assertTrue(out.contains("2 changes of the monitor in the kernel wait in its memory to be recorded"), out);
        Status.Monitoring fresh = new Status.Monitoring(v, true, io.vavr.collection.TreeMap.empty(), java.time.Duration.ofSeconds(1));
        assertFalse(render(new Status(Target.netns("x"), Option.none(), Option.none(), Option.none(), false,
                Option.some(fresh), Option.none())).contains("stale"));
    }
}
