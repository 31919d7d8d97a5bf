package mlb.lab;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the lab alone (`java -cp mlb.jar mlb.lab.LabMain up`), and the program the lab starts inside
 * its namespaces for the traffic server and clients. mlb's own CLI offers the same commands as `mlb lab`.
 */
public final class LabMain {
    private LabMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new LabCommand());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return cl.execute(args);
    }
}
