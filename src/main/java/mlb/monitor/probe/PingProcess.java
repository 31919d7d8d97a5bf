package mlb.monitor.probe;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A running ping whose output (stdout and stderr together) is read line by line, and which can be held between
 * rounds. Tests script one.
 */
interface PingProcess {
    /** The next line, or null once the process has closed its output. Blocks. */
    String readLine() throws IOException;

    /** The exit code, after readLine returned null. */
    int waitFor() throws InterruptedException;

    /** Ends the process, held or not; its reader then sees the end of its output. */
    void destroy();

    /** Holds the ping (SIGSTOP), so that it sends nothing until released; false when that could not be done. */
    boolean hold();

    /** Lets a held ping run again (SIGCONT); false when that could not be done. */
    boolean release();

    interface Spawner extends AutoCloseable {
        PingProcess start(List<String> argv) throws IOException;

        /** Ends what the spawner keeps for its processes (nothing, unless said otherwise). */
        @Override
        default void close() {
        }
    }

    /**
     * Spawns real processes: argv only, stdin from /dev/null, the C locale so that numbers use a dot. They are
     * held and released through one {@link PingSignals}, which closing the spawner ends.
     */
    static Spawner system() {
        PingSignals signals = new PingSignals();
        return new Spawner() {
            @Override
            public PingProcess start(List<String> argv) throws IOException {
                ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().put("LC_ALL", "C");
                return running(pb.start(), signals);
            }

            @Override
            public void close() {
                signals.close();
            }
        };
    }

    private static PingProcess running(Process p, PingSignals signals) {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return new PingProcess() {
            @Override
            public String readLine() throws IOException {
                return out.readLine();
            }

            @Override
            public int waitFor() throws InterruptedException {
                return p.waitFor();
            }

            /** SIGKILL: a held process would keep a SIGTERM pending, and never end. */
            @Override
            public void destroy() {
                p.destroyForcibly();
            }

            @Override
            public boolean hold() {
                return signals.send(PingSignals.Signal.STOP, p.pid());
            }

            @Override
            public boolean release() {
                return signals.send(PingSignals.Signal.CONT, p.pid());
            }
        };
    }
}
