package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Either;
import mlb.spec.InputProblem.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reading a spec file: what is refused before reading, and the kind of each problem. */
class SpecFileTest {
    /** Far more than a stat and a refusal take; far less than a blocked open of a FIFO would. */
    private static final Duration QUICK = Duration.ofMillis(500);

    @Test
    void readsARegularFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.toml");
        Files.writeString(file, Specs.LINK);
        assertEquals(Either.right(Specs.LINK), SpecFile.read(file));
        Path link = dir.resolve("link.toml");
        Files.createSymbolicLink(link, file);
        assertEquals(Either.right(Specs.LINK), SpecFile.read(link), "a symlink to a spec is fine");
    }

    @Test
    void aSpecThatNeedsNftablesIsSeenByALookAtItsLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.toml");
        Files.writeString(file, "[balancer]\n  mode = \"connmark\"\n" + Specs.LINK);
        assertEquals(true, SpecFile.looksNftables(file));
        Files.writeString(file, "[balancer]\n# mode = \"connmark\"\nmode = \"route\"\n" + Specs.LINK);
        assertEquals(false, SpecFile.looksNftables(file));
        Files.writeString(file, Specs.LINK + "[[pin]]\ndst_file = \"list.txt\"\nlinks = [\"a\"]\n");
        assertEquals(true, SpecFile.looksNftables(file), "route mode marks a list file's pin with nftables");
        assertEquals(false, SpecFile.looksNftables(dir.resolve("nope.toml")), "no file, no guess");
    }

    @Test
    void aMissingFileIsMissing(@TempDir Path dir) throws IOException {
        assertEquals(new InputProblem(Kind.MISSING, "No such file or directory",
                "check the path given with -f and its permissions"), problem(dir.resolve("nope.toml")));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(Kind.MISSING, problem(file.resolve("spec.toml")).kind(), "a path through a file");
        Files.createSymbolicLink(dir.resolve("dangling.toml"), dir.resolve("gone"));
        assertEquals(Kind.MISSING, problem(dir.resolve("dangling.toml")).kind());
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("spec.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo on this host: " + e.getMessage());
            return;
        }
        assertEquals(0, mkfifo.waitFor());
        InputProblem p = assertTimeoutPreemptively(QUICK, () -> problem(fifo), "opening a FIFO would block");
        assertEquals(new InputProblem(Kind.NOT_REGULAR, "not a regular file but a FIFO",
                "give -f a spec file; mlb does not read specs from pipes or devices"), p);
    }

    @Test
    void devicesAndDirectoriesAreRefused(@TempDir Path dir) {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero");
        InputProblem p = assertTimeoutPreemptively(QUICK, () -> problem(zero), "/dev/zero never ends");
        assertEquals(new InputProblem(Kind.NOT_REGULAR, "not a regular file but a character device",
                "give -f a spec file; mlb does not read specs from pipes or devices"), p);
        assertEquals(new InputProblem(Kind.NOT_REGULAR, "Is a directory", "give -f the spec file, not its directory"),
                problem(dir));
    }

    @Test
    void aFileOverTheLimitIsNotRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.toml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SpecFile.MAX_BYTES + 1);    // sparse: no 64 MiB written
        }
        InputProblem p = assertTimeoutPreemptively(QUICK, () -> problem(big));
        assertEquals(new InputProblem(Kind.TOO_LARGE, "larger than the limit of 64 MiB (67108865 bytes)",
                "a spec is a text file far smaller than that: check the path given with -f and its permissions"), p);
    }

    @Test
    void theLimitItselfIsFine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ten.toml"), "# 89abcdef");
        assertEquals(Either.right("# 89abcdef"), SpecFile.read(file, 10));
        assertEquals(Kind.TOO_LARGE, SpecFile.read(file, 9).getLeft().kind());
        assertEquals("larger than the limit of 9 bytes (10 bytes)", SpecFile.read(file, 9).getLeft().message());
    }

    @Test
    void bytesThatAreNotUtf8AreUnreadable(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("latin1.toml"), new byte[]{'#', ' ', (byte) 0xe9, '\n'});
        assertEquals(new InputProblem(Kind.UNREADABLE, "not UTF-8 text", "save the spec as UTF-8"), problem(file));
    }

    @Test
    void aFileThisUserMayNotReadIsNotPermitted(@TempDir Path dir) throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")),
                "root reads files whatever their mode; the mapping itself is tested below");
        Path file = Files.writeString(dir.resolve("secret.toml"), Specs.LINK);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assertEquals(new InputProblem(Kind.NOT_PERMITTED, "Permission denied",
                "check the path given with -f and its permissions"), problem(file));
    }

    @Test
    void eachIoProblemHasItsKind() {
        assertEquals(List.of(Kind.MISSING, Kind.NOT_PERMITTED, Kind.UNREADABLE, Kind.MISSING, Kind.UNREADABLE,
                        Kind.UNREADABLE),
                List.of(new NoSuchFileException("/x"), new AccessDeniedException("/x"),
                                new CharacterCodingException(), new FileSystemException("/x/y", null, "Not a directory"),
                                new FileSystemException("/x", null, "Input/output error"), new IOException())
                        .map(e -> SpecFile.problem(e).kind()));
        assertEquals("Input/output error",
                SpecFile.problem(new FileSystemException("/x", null, "Input/output error")).message());
    }

    @Test
    void theParserTurnsAProblemIntoOneDiagnostic(@TempDir Path dir) {
        Path missing = dir.resolve("nope.toml");
        assertEquals(List.of(missing + ": cannot read the spec: No such file or directory "
                        + "(check the path given with -f and its permissions)"),
                SpecParser.parse(missing).getError().map(Diagnostic::toString));
        assertTrue(SpecParser.parse(dir).getError().head().toString().contains("cannot read the spec: Is a directory"));
    }

    private static InputProblem problem(Path file) {
        Either<InputProblem, String> read = SpecFile.read(file);
        assertTrue(read.isLeft(), () -> file + " was read");
        return read.getLeft();
    }
}
