package mlb.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Spawns real processes. A program that is not installed is reported as {@link MissingProgram}. */
public final class SystemRunner implements Runner {
    @Override
    public Result run(List<String> argv, String stdin) {
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new MissingProgram(argv.get(0), e);
        }
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The child may exit before reading all of stdin; its exit code and stderr tell the story.
        }
        try {
            int code = p.waitFor();
            return new Result(code, out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        }
    }

    private static String drain(InputStream s) {
        try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The program could not be started at all (usually: not installed). */
    public static final class MissingProgram extends RuntimeException {
        private final String program;

        MissingProgram(String program, IOException cause) {
            super("cannot run " + program + ": " + cause.getMessage(), cause);
            this.program = program;
        }

        public String program() {
            return program;
        }
    }
}
