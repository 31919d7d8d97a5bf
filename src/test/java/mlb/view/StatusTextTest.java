package mlb.view;

import io.vavr.control.Option;
import mlb.engine.Lock;
import mlb.engine.Status;
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
}
