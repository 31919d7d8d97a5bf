package mlb.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who ends the process when SIGINT or SIGTERM comes, and who speaks: the signal is the handler called on a thread
 * of its own, as the JVM does; ending the process is recorded instead of done. A tail of 50 ms; "never" is
 * checked over ten tails.
 */
class InterruptsTest {
    private static final long TAIL = 50;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private final Interrupts interrupts = new Interrupts(ended::complete, new PrintStream(said, true, StandardCharsets.UTF_8), TAIL);

    private Thread signal() {
        Thread t = new Thread(interrupts::interrupted, "SIGINT handler");
        t.start();
        return t;
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }

    private static Thread running(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aChangeThatBeganIsTheFrontEndsToTellEvenWhenItsRecordAndOutputTakeLong() throws Exception {
        interrupts.frontEndTells();
        interrupts.enter();
        Thread[] handler = new Thread[1];
        String outcome = interrupts.critical(() -> {
            handler[0] = signal();
            return "applied";   // the last batch was sent before the signal; verify and record follow
        }, () -> "refused");
        assertEquals("applied", outcome);
        interrupts.exit();
        handler[0].join(10 * TAIL);
        assertTrue(handler[0].isAlive(), "the handler leaves the ending to the front end");
        assertFalse(ended.isDone(), "the process is not ended under the front end's feet");
        assertEquals("", said(), "the front end says what the kernel holds, and only it");
    }

    @Test
    void anOperationThatReturnedIsTheFrontEndsToTellToo() throws Exception {
        interrupts.frontEndTells();
        interrupts.enter();
        interrupts.exit();
        Thread handler = signal();
        handler.join(10 * TAIL);
        assertFalse(ended.isDone(), "the front end shows the outcome and ends with its code");
        assertEquals("", said());
    }

    @Test
    void beforeAChangeTheHandlerEndsAfterTheTailAloneAndNoChangeBeginsAfterIt() throws Exception {
        interrupts.frontEndTells();
        interrupts.enter();   // a read, the lock, a prompt nobody answers: no safe point reached
        signal();
        assertEquals(Interrupts.EXIT, ended.get(10, TimeUnit.SECONDS));
        assertEquals("mlb: interrupted; nothing was changed\n", said());
        assertEquals("refused", interrupts.critical(() -> "applied", () -> "refused"), "no change begins now");
        CountDownLatch returned = new CountDownLatch(1);
        Thread operation = running(() -> {
            interrupts.exit();
            returned.countDown();
        });
        assertFalse(returned.await(10 * TAIL, TimeUnit.MILLISECONDS), "the operation does not return to a front end that would speak");
        operation.interrupt();
    }

    @Test
    void withNoOperationRunningTheHandlerEndsAtOnceAndSaysSo() throws Exception {
        interrupts.frontEndTells();
        signal();
        assertEquals(Interrupts.EXIT, ended.get(10, TimeUnit.SECONDS));
        assertEquals("mlb: interrupted; nothing was changed\n", said());
    }

    @Test
    void withoutAFrontEndThatTellsTheHandlerEndsOnceTheChangeIsRecordedAndItsOperationReturned() throws Exception {
        interrupts.quiet();   // the monitor: its log says it stopped
        interrupts.enter();
        CountDownLatch signalled = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread change = running(() -> interrupts.critical(() -> {
            signalled.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "applied";
        }, () -> "refused"));
        signalled.await();
        signal();
        Thread.sleep(10 * TAIL);
        assertFalse(ended.isDone(), "a change in progress is never cut, however long it takes");
        finish.countDown();
        change.join();
        interrupts.exit();
        assertEquals(Interrupts.EXIT, ended.get(10, TimeUnit.SECONDS));
        assertEquals("", said());
    }
}
