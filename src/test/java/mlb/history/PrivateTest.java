package mlb.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The path rules of the state directory, one by one, on real files (some need root to make foreign owners). */
class PrivateTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    static Path mkdir(Path p, String mode) throws IOException {
        Files.createDirectories(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    /** chmod with the sticky bit, which Java's permission sets cannot say. */
    static Path sticky(Path p) throws IOException {
        Files.createDirectories(p);
        Files.setAttribute(p, "unix:mode", 01777);
        return p;
    }

    static void assumeRoot() {
        assumeTrue(Private.uid() == 0, "needs root to give files to another user (uid " + Private.uid() + ")");
    }

    @Test
    void missingDirectoriesAreCreated0700AndAnExistingOneKeepsItsMode() throws IOException {
        Path existing = mkdir(tmp.resolve("checkout-state"), "rwxr-xr-x");
        Private.dir(existing.resolve("a/b"));
        assertEquals("rwxr-xr-x", mode(existing), "mlb never changes a directory it did not create");
        assertEquals("rwx------", mode(existing.resolve("a")));
        assertEquals("rwx------", mode(existing.resolve("a/b")));
    }

    @Test
    void aDirectoryOthersMayWriteIsRefusedAndLeftAsItIs() throws IOException {
        Path open = mkdir(tmp.resolve("open"), "rwxrwxrwx");
        Private.Unsafe e = assertThrows(Private.Unsafe.class, () -> Private.dir(open));
        assertEquals(open + " is writable by its group and others without the sticky bit (mode 0777)", e.getMessage());
        Private.Unsafe below = assertThrows(Private.Unsafe.class, () -> Private.dir(open.resolve("state")));
        assertTrue(below.getMessage().contains("without the sticky bit"), below.getMessage());
        assertFalse(Files.exists(open.resolve("state")), "nothing is created below it");
        Path group = mkdir(tmp.resolve("group"), "rwxrwxr-x");
        assertThrows(Private.Unsafe.class, () -> Private.dir(group.resolve("state")));
        assertEquals("rwxrwxrwx", mode(open));
    }

    @Test
    void aStickyDirectoryLikeTmpMayBeOnTheWayButNotBeTheStateDirectory() throws IOException {
        Path tmpLike = sticky(tmp.resolve("tmp-like"));
        assertEquals(tmpLike.resolve("state"), Private.dir(tmpLike.resolve("state")));
        assertEquals("rwx------", mode(tmpLike.resolve("state")));
        Private.Unsafe e = assertThrows(Private.Unsafe.class, () -> Private.dir(tmpLike));
        assertEquals(tmpLike + " is writable by its group and others (mode 1777)", e.getMessage());
    }

    @Test
    void anOwnSymlinkIsFollowedToThePhysicalDirectoryAndALoopIsRefused() throws IOException {
        Path real = mkdir(tmp.resolve("real"), "rwx------");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("real"));
        assertEquals(real.toRealPath(), Private.dir(link.resolve("state")).getParent());
        assertTrue(Files.isDirectory(real.resolve("state"), LinkOption.NOFOLLOW_LINKS));
        Files.createSymbolicLink(tmp.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(tmp.resolve("loop2"), Path.of("loop1"));
        assertThrows(Private.Unsafe.class, () -> Private.dir(tmp.resolve("loop1")));
        Files.writeString(tmp.resolve("file"), "x");
        assertThrows(java.nio.file.NotDirectoryException.class, () -> Private.dir(tmp.resolve("file/state")));
    }

    @Test
    void existingDirCreatesNothing() throws IOException {
        assertTrue(Private.existingDir(tmp.resolve("none/state")).isEmpty());
        assertFalse(Files.exists(tmp.resolve("none")));
    }

    @Test
    void writeReplacesASymlinkInsteadOfWritingThroughIt() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        Path dir = Private.dir(tmp.resolve("state"));
        Path file = Files.createSymbolicLink(dir.resolve("record.json"), victim);
        Private.write(file, "{}\n");
        assertEquals("precious\n", Files.readString(victim));
        assertEquals("rw-r--r--", mode(victim));
        assertFalse(Files.isSymbolicLink(file));
        assertEquals("{}\n", Files.readString(file));
        assertEquals("rw-------", mode(file));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left");
        }
    }

    @Test
    void openAndReadRefuseASymlink() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
        Path dir = Private.dir(tmp.resolve("state"));
        Path lock = Files.createSymbolicLink(dir.resolve("apply.lock"), victim);
        assertThrows(IOException.class, () -> Private.open(lock));
        assertThrows(IOException.class, () -> Private.read(lock));
        assertThrows(IOException.class, () -> Private.file(lock));
        assertEquals("precious\n", Files.readString(victim));
    }

    @Test
    void tightenNeverFollowsASymlinkNorLeavesTheTree() throws IOException {
        Path outsideFile = Files.writeString(tmp.resolve("outside-file"), "x");
        Files.setPosixFilePermissions(outsideFile, PosixFilePermissions.fromString("rw-r--r--"));
        Path outsideDir = mkdir(tmp.resolve("outside-dir"), "rwxr-xr-x");
        Path inner = Files.writeString(outsideDir.resolve("inner"), "y");
        Files.setPosixFilePermissions(inner, PosixFilePermissions.fromString("r--r--r--"));
        Path repo = mkdir(tmp.resolve("repo"), "rwxr-xr-x");
        Path object = Files.writeString(mkdir(repo.resolve("objects/ab"), "rwxr-xr-x").resolve("cdef"), "z");
        Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("r--r--r--"));
        Files.createSymbolicLink(repo.resolve("objects/ab/link"), outsideFile);
        Files.createSymbolicLink(repo.resolve("linked-dir"), outsideDir);

        Private.tighten(repo);
        assertEquals("rw-------", mode(object), "JGit's 0444 objects become 0600");
        assertEquals("rwx------", mode(repo.resolve("objects/ab")));
        assertEquals("rw-r--r--", mode(outsideFile));
        assertEquals("rwxr-xr-x", mode(outsideDir));
        assertEquals("r--r--r--", mode(inner));
    }

    @Test
    void aDirectoryOrSymlinkOfAnotherUserIsRefused() throws IOException {
        assumeRoot();
        Path theirs = mkdir(tmp.resolve("theirs"), "rwxr-xr-x");
        Files.setAttribute(theirs, "unix:uid", NOBODY);
        Private.Unsafe e = assertThrows(Private.Unsafe.class, () -> Private.dir(theirs.resolve("state")));
        assertEquals(theirs + " belongs to uid 65534, and mlb writes only through directories of root", e.getMessage());
        assertFalse(Files.exists(theirs.resolve("state")));

        Path real = mkdir(tmp.resolve("root-owned"), "rwxr-xr-x");
        Path link = Files.createSymbolicLink(tmp.resolve("their-link"), real);
        Files.setAttribute(link, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Private.Unsafe l = assertThrows(Private.Unsafe.class, () -> Private.dir(link));
        assertTrue(l.getMessage().startsWith(link + " is a symlink owned by uid 65534"), l.getMessage());
        assertEquals("rwxr-xr-x", mode(real));

        Path file = Files.writeString(Private.dir(tmp.resolve("state")).resolve("apply.lock"), "");
        Files.setAttribute(file, "unix:uid", NOBODY);
        assertThrows(Private.Unsafe.class, () -> Private.open(file));
    }
}
