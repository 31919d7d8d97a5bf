package mlb.spec;

import io.vavr.control.Either;
import mlb.spec.InputProblem.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a spec file: a regular file only, at most MAX_BYTES, strict UTF-8. The file's type and size are looked
 * at before it is opened, since opening a FIFO blocks until someone writes to it and /dev/zero never ends; the
 * read itself stops at the limit too, in case the file grows in between.
 */
public final class SpecFile {
    /** Far above any spec (a million pinned prefixes is about 40 MiB), far below what hurts the heap. */
    public static final long MAX_BYTES = 64L << 20;
    /** Connmark mode, or a pin's list file (which route mode marks with nftables too). */
    private static final java.util.regex.Pattern NFTABLES =
            java.util.regex.Pattern.compile("(?m)^\\s*(mode\\s*=\\s*\"connmark\"|(dst|src)_file\\s*=)");
    private static final String CHECK_PATH = "check the path given with -f and its permissions";

    private SpecFile() {
    }

    public static Either<InputProblem, String> read(Path file) {
        return read(file, MAX_BYTES);
    }

    static Either<InputProblem, String> read(Path file, long limit) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) return Either.left(notRegular(file, attributes));
            if (attributes.size() > limit) return Either.left(tooLarge(" (" + attributes.size() + " bytes)", limit));
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) limit + 1);
            }
            if (bytes.length > limit) return Either.left(tooLarge(", and still growing", limit));
            return Either.right(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IOException e) {
            return Either.left(problem(e));
        }
    }

    /**
     * Whether the file seems to need mlb's nftables table (mode "connmark", or a pin's list file), by a look at its
     * lines, not a parse: a hint for reading ahead (the launcher greps the same way), never a decision about the spec.
     */
    public static boolean looksNftables(Path file) {
        return read(file).exists(text -> NFTABLES.matcher(text).find());
    }

    /** The OS's words where Java hides them: NoSuchFileException's message is only the path. */
    static InputProblem problem(IOException e) {
        if (e instanceof NoSuchFileException) return new InputProblem(Kind.MISSING, "No such file or directory", CHECK_PATH);
        if (e instanceof AccessDeniedException) return new InputProblem(Kind.NOT_PERMITTED, "Permission denied", CHECK_PATH);
        if (e instanceof CharacterCodingException) {
            return new InputProblem(Kind.UNREADABLE, "not UTF-8 text", "save the spec as UTF-8");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            boolean notADirectory = f.getReason().equals("Not a directory");
            return new InputProblem(notADirectory ? Kind.MISSING : Kind.UNREADABLE, f.getReason(), CHECK_PATH);
        }
        return new InputProblem(Kind.UNREADABLE, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                CHECK_PATH);
    }

    private static InputProblem notRegular(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return new InputProblem(Kind.NOT_REGULAR, "Is a directory", "give -f the spec file, not its directory");
        }
        return new InputProblem(Kind.NOT_REGULAR, "not a regular file but " + type(file),
                "give -f a spec file; mlb does not read specs from pipes or devices");
    }

    /** What the other kinds of file are, from the mode bits where the platform shows them. */
    private static String type(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static InputProblem tooLarge(String size, long limit) {
        String most = limit % (1 << 20) == 0 ? (limit >> 20) + " MiB" : limit + " bytes";
        return new InputProblem(Kind.TOO_LARGE, "larger than the limit of " + most + size,
                "a spec is a text file far smaller than that: " + CHECK_PATH);
    }
}
