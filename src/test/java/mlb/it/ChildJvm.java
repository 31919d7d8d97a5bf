package mlb.it;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A test's main class in a JVM of its own, for what must run inside a namespace (Java cannot enter one): this
 * JVM's java, and a class path of mlb's classes, the tests' classes and the libraries they use (JNA, vavr).
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** `java -cp ... MAIN ARGS`, to be run as it is or after `ip netns exec NS`. */
    public static List<String> command(Class<?> main, String... args) {
        return command(List.of(), main, args);
    }

    /** The same with these JVM options (a small heap for a long-running helper). */
    public static List<String> command(List<String> options, Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(options);
        argv.addAll(List.of("-cp", classpath(main), main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Runs main inside the namespace ns to its end; its output (stderr too), line by line. */
    public static List<String> runIn(String ns, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        argv.addAll(command(main, args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        return out;
    }

    static String classpath(Class<?> main) {
        Set<String> parts = new LinkedHashSet<>();
        for (Class<?> c : List.of(mlb.proc.Target.class, main, com.sun.jna.Native.class, io.vavr.control.Option.class)) {
            parts.add(location(c));
        }
        return String.join(File.pathSeparator, parts);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
