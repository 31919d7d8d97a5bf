package mlb.monitor.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signalling shell against a real process (a sleep), its state read from /proc. */
class PingSignalsTest {
    final PingSignals signals = new PingSignals();
    Process sleeper;

    @AfterEach
    void end() {
        signals.close();
        if (sleeper != null) sleeper.destroyForcibly();
    }

    static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /** Waits up to 2 s for the process to be stopped (true) or not (false); its state then. */
    static boolean stoppedWithin(long pid, boolean wanted) throws Exception {
        for (int i = 0; i < 200 && (state(pid) == 'T') != wanted; i++) Thread.sleep(10);
        return state(pid) == 'T';
    }

    @Test
    void holdsAndReleasesAProcessAndReleasesItWhenClosed() throws Exception {
        sleeper = new ProcessBuilder("sleep", "30").start();
        long pid = sleeper.pid();
        assertTrue(signals.send(PingSignals.Signal.STOP, pid));
        assertTrue(stoppedWithin(pid, true), "stopped");
        assertTrue(signals.send(PingSignals.Signal.CONT, pid));
        assertFalse(stoppedWithin(pid, false), "continued");
        signals.send(PingSignals.Signal.STOP, pid);
        assertTrue(stoppedWithin(pid, true));
        signals.close();
        assertFalse(stoppedWithin(pid, false), "closing the shell continues its process group, and so the sleeper");
        assertFalse(signals.send(PingSignals.Signal.STOP, pid), "nothing is sent once closed");
        Thread.sleep(50);
        assertFalse(state(pid) == 'T');
    }
}
