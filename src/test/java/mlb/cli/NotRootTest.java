package mlb.cli;

import mlb.cli.CliRunner.Run;
import mlb.view.Exit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mlb run by a user who may not read the history or take the lock: exit 77 and "run as root", never "no history".
 * As root this runs mlb as nobody (setpriv, a copy of the class path nobody may read); otherwise it runs mlb
 * in-process against a history made unreadable to this user.
 */
class NotRootTest {
    @TempDir
    Path tmp;
    Path state;
    String rev;
    String spec;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A history with one entry, made by this (privileged or not) user; then only its owner may look into it. */
    @BeforeEach
    void history() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        FakeCli cli = new FakeCli(tmp);
        state = tmp.resolve("state");
        spec = cli.spec(5, 1);
        Files.setPosixFilePermissions(Path.of(spec), PosixFilePermissions.fromString("rw-r--r--"));
        cli.expect(0, "apply", "-f", spec, "--yes", "--state", state.toString());
        rev = cli.expect(0, "history", "--state", state.toString()).out().substring(0, 7);
        if (!root()) Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("---------"));
    }

    private Run mlb(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state", state.toString()));
        if (!root()) return new CliRunner(Env.system()).run(all.toArray(String[]::new));
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", readableClassPath(), "mlb.cli.Main"));
        argv.addAll(all);
        Process p = new ProcessBuilder(argv).directory(tmp.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mlb as nobody finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The class path as nobody can read it: jars from root's Maven repository copied next to the test. */
    private String readableClassPath() throws IOException {
        Path jars = Files.createDirectories(tmp.resolve("cp"));
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path e = Path.of(entry);
            if (Files.isDirectory(e) || !entry.startsWith(System.getProperty("user.home"))) {
                cp.add(entry);
                continue;
            }
            Path copy = jars.resolve(cp.size() + "-" + e.getFileName());
            Files.copy(e, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            cp.add(copy.toString());
        }
        Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
        return String.join(File.pathSeparator, cp);
    }

    @Test
    void readsOfAHistoryOnlyRootMayReadExit77() throws Exception {
        String denied = "mlb: error: cannot read the audit history in " + state + ": Permission denied\n"
                + "  run as root (the history is readable by root only)\n";
        for (String[] args : new String[][]{{"status"}, {"history"}, {"show", rev}, {"diff", rev}, {"plan", "-f", spec}}) {
            Run r = mlb(args);
            assertEquals(Exit.NOT_PERMITTED, r.code(), () -> String.join(" ", args) + ": " + r);
            assertEquals(denied, r.err(), String.join(" ", args));
            assertEquals("", r.out());
        }
    }

    @Test
    void aChangeWithoutThePermissionToSaysRunAsRoot() throws Exception {
        Run r = mlb("apply", "-f", spec, "--yes");
        assertEquals(Exit.NOT_PERMITTED, r.code(), r::toString);
        assertTrue(r.err().startsWith("mlb: error: cannot take the lock on host: permission denied: " + state.resolve("host")), r::toString);
        assertTrue(r.err().endsWith("\n  run as root (mlb changes the kernel's routing)\n"), r::toString);
    }
}
