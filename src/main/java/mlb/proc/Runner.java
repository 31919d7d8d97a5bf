package mlb.proc;

import java.util.List;

/** Runs one program with argv (never through a shell). The real one spawns processes; tests use fakes. */
public interface Runner {
    Result run(List<String> argv, String stdin);

    default Result run(List<String> argv) {
        return run(argv, null);
    }

    /** Output of a finished process. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
