package mlb.monitor.probe;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIGSTOP and SIGCONT for the pings, through one long-running shell that reads "SIGNAL PID" lines and sends each
 * with its builtin kill. The JDK sends no signal but TERM and KILL, and a `kill` process per signal (four a
 * second per ping) would cost more than the pings themselves; the shell's builtin costs a few microseconds.
 * Only a signal name from {@link Signal} and a pid are ever written to it, never text from elsewhere.
 * <p>
 * When its input closes (the monitor ended, even by SIGKILL) the shell continues its process group, which is
 * the monitor's and so its pings': a ping held at that moment then writes its next line into a closed pipe and
 * ends, like one that was running. A shell that cannot be started is tried again at most every 10 s.
 */
final class PingSignals implements AutoCloseable {
    enum Signal { STOP, CONT }

    static final List<String> ARGV = List.of("/bin/sh", "-c",
            "while read -r sig pid; do kill -s \"$sig\" \"$pid\" 2>/dev/null; done; kill -s CONT 0 2>/dev/null");
    private static final long RETRY = TimeUnit.SECONDS.toNanos(10);

    private Process shell;
    private Writer in;
    private long retryAt = System.nanoTime();
    private boolean closed;

    /** False when the shell is not there (it could not be started, or it died and could not be started again). */
    synchronized boolean send(Signal signal, long pid) {
        for (int attempt = 0; attempt < 2 && !closed; attempt++) {
            if (!running()) return false;
            try {
                in.write(signal.name() + " " + pid + "\n");
                in.flush();
                return true;
            } catch (IOException e) {
                shell = null;
            }
        }
        return false;
    }

    private boolean running() {
        if (shell != null && shell.isAlive()) return true;
        if (System.nanoTime() - retryAt < 0) return false;
        try {
            shell = new ProcessBuilder(ARGV).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            shell = null;
            retryAt = System.nanoTime() + RETRY;
            return false;
        }
    }

    /** Closes the shell's input: it continues the process group and ends. */
    @Override
    public synchronized void close() {
        closed = true;
        if (shell == null) return;
        try {
            in.close();
            shell.waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            shell.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
