package mlb.cli;

import io.vavr.control.Either;
import mlb.engine.Lock;
import mlb.proc.Target;
import mlb.view.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer per target, across processes and state directories: while another process holds the lock of a
 * namespace for its own state directory, apply and destroy with another --state exit 75 before touching the
 * kernel (the namespace named here does not even exist), naming the holder's pid and state. No root needed.
 */
class ApplyLockTest {
    @TempDir
    Path tmp;

    @Test
    void anotherProcessHoldingTheLockMeansExit75WhateverTheStateDirectory() throws Exception {
        Path state = tmp.resolve("state");
        Path holderState = tmp.resolve("holder-state");
        String ns = "mlbt-never-" + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));
        Path spec = tmp.resolve("mlb.toml");
        Files.writeString(spec, "[[link]]\nname = \"isp1\"\ndev = \"wan1\"\ngateway = \"198.18.1.1\"\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                holderState.toString(), ns).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", out.readLine());
            Env everyNamespace = new Env() {
                public mlb.engine.Workspace workspace(Path stateDir) {
                    return Env.system().workspace(stateDir).withPresent(t -> true);
                }

                public boolean interactive() {
                    return false;
                }

                public Path defaultStateDir() {
                    return state;
                }
            };
            CliRunner mlb = new CliRunner(everyNamespace, state);
            for (String[] args : new String[][]{
                    {"apply", "-f", spec.toString(), "--netns", ns, "--yes"},
                    {"destroy", "--netns", ns, "--yes"}}) {
                CliRunner.Run r = mlb.run(args);
                assertEquals(Exit.LOCKED, r.code(), r::toString);
                assertTrue(r.err().startsWith("mlb: error: another mlb (pid " + holder.pid() + ", state " + holderState
                        + ") holds the lock on netns " + ns + "\n"), r::toString);
            }
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        Either<Lock.Holder, Lock> free = Lock.tryAcquire(Lock.systemDir(), Target.netns(ns), state);
        assertTrue(free.isRight(), "released when the holder is gone");
        free.get().close();
        Files.deleteIfExists(Lock.systemDir().resolve("netns-" + ns + ".lock"));
    }
}
