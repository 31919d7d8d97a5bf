package mlb.monitor.probe;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A running ping whose output (stdout and stderr together) is read line by line. Tests script one. */
interface PingProcess {
    /** The next line, or null once the process has closed its output. Blocks. */
    String readLine() throws IOException;

    /** The exit code, after readLine returned null. */
    int waitFor() throws InterruptedException;

    /** Ends the process (SIGTERM to its pid); its reader then sees the end of its output. */
    void destroy();

    interface Spawner {
        PingProcess start(List<String> argv) throws IOException;
    }

    /** Spawns real processes: argv only, stdin from /dev/null, the C locale so that numbers use a dot. */
    static Spawner system() {
        return argv -> {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
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

                @Override
                public void destroy() {
                    p.destroy();
                }
            };
        };
    }
}
