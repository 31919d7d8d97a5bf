package mlb.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the audit history goes when --state is not given, from what the launcher tells the JVM: a checkout's
 * launcher names its home (-Dmlb.home), whose state/ keeps a clone's history beside it; the packaged launcher
 * (/usr/bin/mlb) says so with -Dmlb.layout=package, and an installed mlb keeps it in /var/lib/mlb, as does a jar
 * run by hand, which names neither.
 */
final class StateDirs {
    static final Path INSTALLED = Path.of("/var/lib/mlb");

    private StateDirs() {
    }

    /** property: the JVM's system properties (System::getProperty). */
    static Path byDefault(UnaryOperator<String> property) {
        String home = property.apply("mlb.home");
        boolean packaged = "package".equals(property.apply("mlb.layout"));
        return home == null || packaged ? INSTALLED : Path.of(home, "state");
    }
}
