package mlb.cli;

import mlb.engine.Workspace;

import java.nio.file.Path;

/** What commands need from the outside world; tests hand in a workspace with a fake kernel. */
public interface Env {
    /** The engine's world for an audit state directory. */
    Workspace workspace(Path stateDir);

    /** The engine's world for a process that stays (the monitor); tests' worlds are the same for both. */
    default Workspace residentWorkspace(Path stateDir) {
        return workspace(stateDir);
    }

    /** Whether a person can answer a prompt (stdin is a terminal). */
    boolean interactive();

    /** The audit repo when --state is not given: state/ of a checkout, else /var/lib/mlb (see StateDirs). */
    Path defaultStateDir();

    /** What `mlb init` reads of a target: its devices and routes, through iproute2 and /sys. */
    default mlb.init.HostLinks hostLinks(mlb.proc.Target target) {
        return new mlb.init.SystemLinks(new mlb.proc.SystemRunner(), target);
    }

    static Env system() {
        return new Env() {
            @Override
            public Workspace workspace(Path stateDir) {
                return Workspace.system(stateDir);
            }

            @Override
            public Workspace residentWorkspace(Path stateDir) {
                return Workspace.resident(stateDir);
            }

            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public Path defaultStateDir() {
                return StateDirs.byDefault(System::getProperty);
            }
        };
    }
}
