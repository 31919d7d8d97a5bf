package mlb.lab;

import mlb.engine.Engine;
import mlb.view.Exit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Common edge of every lab command: runs the work and turns a LabException into `mlb: error: …` on stderr and
 * its exit code, so the codes hold whether the command runs under mlb's CLI or {@link LabMain}.
 */
abstract class LabTask implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    abstract int run();

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (LabException e) {
            // Ctrl-C: the interrupt already said so and the teardown stops the lab's processes; their ending is no error.
            if (Engine.interrupted()) return Exit.INTERRUPTED;
            err().println("mlb: error: " + e.getMessage());
            err().flush();
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            err().println("mlb: error: " + e.getMessage());
            err().flush();
            return LabException.USAGE;
        } finally {
            out().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
