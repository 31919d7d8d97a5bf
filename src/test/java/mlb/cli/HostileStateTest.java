package mlb.cli;

import mlb.engine.Workspace;
import mlb.history.TwoLinks;
import mlb.kernel.FakeKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A state directory others can steer: root's mlb refuses it (73) before writing anything, so links another
 * user planted there never redirect its writes. Over the fake kernel; the attacks need root (to be attacked)
 * and setpriv (to plant the links as nobody), and skip with the reason otherwise.
 */
class HostileStateTest {
    private static final String NOBODY = "65534";

    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();
    final List<Path> inTmp = new ArrayList<>();

    private final Env env = new Env() {
        @Override
        public Workspace workspace(Path stateDir) {
            return Workspace.system(stateDir).withKernels(t -> kernel.kernel()).withLockDir(tmp.resolve("run"));
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public Path defaultStateDir() {
            return tmp.resolve("default-state");
        }
    };

    @AfterEach
    void removeWhatWasMadeInTmp() throws IOException {
        for (Path p : inTmp) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            try (Stream<Path> all = Files.walk(p)) {
                for (Path q : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
            }
        }
    }

    private static void assumeAttackable() {
        Object uid;
        try {
            uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            uid = e;
        }
        assumeTrue(Integer.valueOf(0).equals(uid), "the attacks are on root's mlb: needs root (uid " + uid + ")");
        assumeTrue(run("setpriv", "--version") == 0, "needs setpriv (util-linux) to act as nobody");
    }

    /** Runs a command as nobody, which must succeed. */
    private static void asNobody(String... argv) {
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        all.addAll(List.of(argv));
        assertEquals(0, run(all.toArray(String[]::new)), () -> "as nobody: " + String.join(" ", argv));
    }

    private static int run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh name directly in /tmp (nobody cannot enter the test's private temporary directory). */
    private Path inSystemTmp(String what) {
        Path p = Path.of("/tmp", "mlbt-" + what + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5)));
        inTmp.add(p);
        return p;
    }

    private Path spec() throws IOException {
        return Files.writeString(tmp.resolve("home.toml"), TwoLinks.spec(5, 1));
    }

    /** A root-owned 0644 file, its bytes and mode, to compare after the attack. */
    private record Victim(Path file, byte[] bytes, String mode) {
        static Victim make(Path file, String text) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return new Victim(file, Files.readAllBytes(file), "rw-r--r--");
        }

        void assertUntouched() throws IOException {
            assertArrayEquals(bytes, Files.readAllBytes(file), file + " was written");
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file + " changed mode");
            assertEquals(0, Files.getAttribute(file, "unix:uid"));
        }
    }

    @Test
    void linksPlantedByAnotherUserInAWorldWritableStateRedirectNothing() throws IOException {
        assumeAttackable();
        Victim pid = Victim.make(tmp.resolve("victims/pidfile"), "root's own file\n");
        Victim journal = Victim.make(tmp.resolve("victims/config"), "another file of root's\n");
        Path state = inSystemTmp("world");
        Files.createDirectory(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = state.resolve("netns-x");
        asNobody("mkdir", "-m", "0777", target.toString(), target.resolve("journal").toString());
        asNobody("ln", "-s", pid.file().toString(), target.resolve("apply.lock").toString());
        asNobody("ln", "-s", journal.file().toString(), target.resolve(".record.pending.json.tmp").toString());
        asNobody("ln", "-s", journal.file().toString(), target.resolve("record.pending.json").toString());
        asNobody("ln", "-s", journal.file().toString(), target.resolve("journal/0000000001.json").toString());
        asNobody("ln", "-s", journal.file().toString(), state.resolve("config").toString());

        CliRunner mlb = new CliRunner(env, state);
        for (String[] args : new String[][]{
                {"apply", "-f", spec().toString(), "--netns", "x", "--yes"},
                {"destroy", "--netns", "x", "--yes"},
                {"rollback", "--netns", "x", "--yes"},
                {"confirm", "--netns", "x"},
                {"history", "--netns", "x"}}) {
            CliRunner.Run r = mlb.run(args);
            assertEquals(73, r.code(), r::toString);
            assertTrue(r.err().startsWith("mlb: error: unsafe state directory " + state + ": " + state
                    + " is writable by its group and others without the sticky bit (mode 0777)\n"), r::toString);
        }
        pid.assertUntouched();
        journal.assertUntouched();
        assertTrue(kernel.executed().isEmpty(), "the kernel was not touched");
    }

    @Test
    void aStateSymlinkOfAnotherUserIsRefusedAndWhatItPointsToIsLeftAsItIs() throws IOException {
        assumeAttackable();
        Path dir = Files.createDirectories(tmp.resolve("root-owned"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Victim inside = Victim.make(dir.resolve("data"), "root's data\n");
        Path link = inSystemTmp("link");
        asNobody("ln", "-s", dir.toString(), link.toString());

        CliRunner.Run r = new CliRunner(env, link).run("apply", "-f", spec().toString(), "--netns", "x", "--yes");
        assertEquals(73, r.code(), r::toString);
        assertTrue(r.err().startsWith("mlb: error: unsafe state directory " + link + ": " + link
                + " is a symlink owned by uid 65534, who could point it anywhere"), r::toString);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(inside.file()), s.toList(), "nothing written there");
        }
        inside.assertUntouched();
        assertTrue(kernel.executed().isEmpty());
    }

    @Test
    void aStateDirectoryOfAnotherUserIsRefused() throws IOException {
        assumeAttackable();
        Path theirs = inSystemTmp("theirs");
        asNobody("mkdir", "-m", "0700", theirs.toString());
        CliRunner.Run r = new CliRunner(env, theirs.resolve("state")).run("apply", "-f", spec().toString(), "--netns", "x", "--yes");
        assertEquals(73, r.code(), r::toString);
        assertTrue(r.err().contains(theirs + " belongs to uid 65534, and mlb writes only through directories of root"), r::toString);
        assertTrue(!Files.exists(theirs.resolve("state")), "nothing created in it");
    }

    @Test
    void aPrivateStateUnderAStickyDirectoryLikeTmpIsFine() throws IOException {
        Path sticky = Files.createDirectories(tmp.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Path state = sticky.resolve("state");
        CliRunner mlb = new CliRunner(env, state);
        mlb.expect(0, "apply", "-f", spec().toString(), "--netns", "x", "--yes");
        assertPrivate(state);
    }

    @Test
    void anOwnSymlinkToTheStateIsFollowedAndNothingThereIsLeft0444Or0755() throws IOException {
        Path real = tmp.resolve("real-state");
        Path link = Files.createSymbolicLink(tmp.resolve("state-link"), real);
        CliRunner mlb = new CliRunner(env, link);
        mlb.expect(0, "apply", "-f", spec().toString(), "--netns", "x", "--yes");
        mlb.expect(0, "apply", "-f", Files.writeString(tmp.resolve("home2.toml"), TwoLinks.spec(1, 1)).toString(),
                "--netns", "x", "--yes");
        assertEquals(2, mlb.expect(0, "history", "--netns", "x").out().strip().split("\n").length);
        assertTrue(Files.isSymbolicLink(link));
        assertPrivate(real);
    }

    /** Every directory 0700 and every file 0600 (git objects included), without following links. */
    static void assertPrivate(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                assertEquals(dir ? "rwx------" : "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), p.toString());
            }
        }
    }
}
