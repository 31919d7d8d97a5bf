package mlb.cli;

import mlb.kernel.IpKernel;
import mlb.kernel.Kernel;
import mlb.proc.SystemRunner;
import mlb.proc.Target;

import java.nio.file.Path;

/** What commands need from the outside world; tests hand in a fake kernel. */
public interface Env {
    Kernel kernel(Target target);

    /** Whether a person can answer a prompt (stdin is a terminal). */
    boolean interactive();

    /** The audit repo when --state is not given: state/ of a checkout, else /var/lib/mlb. */
    Path defaultStateDir();

    static Env system() {
        return new Env() {
            @Override
            public Kernel kernel(Target target) {
                return new IpKernel(new SystemRunner(), target);
            }

            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public Path defaultStateDir() {
                String home = System.getProperty("mlb.home");
                return home != null ? Path.of(home, "state") : Path.of("/var/lib/mlb");
            }
        };
    }
}
