package mlb.kernel.nft;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.vavr.control.Option;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * nftables through libnftables (the library `nft` itself is built on) inside this process, for the monitor:
 * an `nft` process costs about 35 ms on a small router (a process start, the libraries' loading), the library
 * call 3 to 5 ms, and a carrier loss or verdict in connmark mode waits for it. Only where this process already
 * runs in the target's network namespace; loading the library is not worth it for a command of a second.
 */
final class LibNftables implements Nft {
    private static final int OUTPUT_JSON = 1 << 4;

    /** libnftables.so.1, mapped directly. */
    private static final class Lib {
        static {
            Native.register("nftables");
        }

        static native Pointer nft_ctx_new(int flags);

        static native void nft_ctx_free(Pointer ctx);

        static native int nft_ctx_buffer_output(Pointer ctx);

        static native int nft_ctx_buffer_error(Pointer ctx);

        static native void nft_ctx_output_set_flags(Pointer ctx, int flags);

        static native void nft_ctx_set_dry_run(Pointer ctx, boolean dry);

        static native int nft_run_cmd_from_buffer(Pointer ctx, String buffer);

        static native int nft_run_cmd_from_filename(Pointer ctx, String filename);

        static native String nft_ctx_get_output_buffer(Pointer ctx);

        static native String nft_ctx_get_error_buffer(Pointer ctx);
    }

    private LibNftables() {
    }

    /** The library, for a target this process runs in; none elsewhere or when it cannot be loaded. */
    static Option<Nft> forTarget(Target target) {
        if (!target.here()) return Option.none();
        try {
            Lib.nft_ctx_free(Lib.nft_ctx_new(0));
            return Option.some(new LibNftables());
        } catch (LinkageError e) {
            return Option.none();
        }
    }

    @Override
    public Runner.Result listRuleset() {
        return run(OUTPUT_JSON, false, ctx -> Lib.nft_run_cmd_from_buffer(ctx, "list ruleset"));
    }

    /**
     * From a file, as `nft -f` reads one: an error then names its line (from a buffer, libnftables 1.0.6 names
     * none and quotes the first line instead); the file's name reads as "/dev/stdin", as `nft -f -` says it.
     */
    @Override
    public Runner.Result apply(String script) {
        return fromFile(script, false);
    }

    @Override
    public Runner.Result check(String script) {
        return fromFile(script, true);
    }

    private static Runner.Result fromFile(String script, boolean dryRun) {
        Path file = null;
        try {
            file = Files.createTempFile("mlb-nft-", ".nft");
            Files.writeString(file, script);
            String name = file.toString();
            Runner.Result r = run(0, dryRun, ctx -> Lib.nft_run_cmd_from_filename(ctx, name));
            return new Runner.Result(r.exitCode(), r.stdout(), r.stderr().replace(name, "/dev/stdin"));
        } catch (IOException e) {
            return new Runner.Result(1, "", "cannot write the nft script: " + e.getMessage());
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    /** One context per call: its cache is the kernel's ruleset as the call found it, never an older one. */
    private static Runner.Result run(int flags, boolean dryRun, java.util.function.ToIntFunction<Pointer> command) {
        Pointer ctx = Lib.nft_ctx_new(0);
        try {
            Lib.nft_ctx_set_dry_run(ctx, dryRun);
            Lib.nft_ctx_buffer_output(ctx);
            Lib.nft_ctx_buffer_error(ctx);
            Lib.nft_ctx_output_set_flags(ctx, flags);
            int rc = command.applyAsInt(ctx);
            return new Runner.Result(rc == 0 ? 0 : 1, text(Lib.nft_ctx_get_output_buffer(ctx)), text(Lib.nft_ctx_get_error_buffer(ctx)));
        } finally {
            Lib.nft_ctx_free(ctx);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
