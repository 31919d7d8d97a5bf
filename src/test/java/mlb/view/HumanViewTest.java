package mlb.view;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.history.Record;
import mlb.model.NetState;
import mlb.plan.TestPlans;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The human rendering of a failed write (the rest is checked through the CLI). */
class HumanViewTest {
    private static String reverted(int commands) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ApplyResult r = new ApplyResult(Target.netns("mlbt-view"), Record.Kind.APPLY,
                TestPlans.of(NetState.empty(), NetState.empty(), List.empty()), ApplyResult.Outcome.REVERTED,
                List.range(0, commands).map(i -> "nft add element inet mlb pin1_dst { 198.19.0." + i + " }"),
                Option.none(), Path.of("/var/lib/mlb"), Option.some("nft -f: refused"), false, Option.none());
        new HumanView(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false)
                .apply(r);
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShortListOfSentCommandsIsShownWhole() {
        String err = reverted(2 * HumanView.SENT_SHOWN);
        assertTrue(err.contains("commands sent to the kernel: 50"), err);
        assertEquals(2 * HumanView.SENT_SHOWN, err.lines().filter(l -> l.contains("nft add element")).count(), err);
    }

    @Test
    void aLongOneShowsItsHeadAndTailAndHowManyAreLeftOut() {
        String err = reverted(20_000);
        assertTrue(err.contains("commands sent to the kernel: 20000"), err);
        assertEquals(2 * HumanView.SENT_SHOWN, err.lines().filter(l -> l.contains("nft add element")).count(), err);
        assertTrue(err.contains("198.19.0.24 }\n  ... 19950 more ...\n  nft add element inet mlb pin1_dst { 198.19.0.19975 }"), err);
        assertTrue(err.contains("the state read before apply is restored"), err);
    }
}
