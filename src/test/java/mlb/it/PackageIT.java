package mlb.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Debian package as an admin meets it: built by scripts/build-deb from a clean clone of this commit (twice:
 * the second with a higher version), installed with dpkg, its launcher, conffile, units and apply-at-boot used,
 * upgraded, and purged. It installs on this machine (root only), so it skips, saying why, where a package named
 * mlb or its directories are there already; whatever it installed it purges at the end, also after a failure.
 * Namespaces it makes are its own; the conffile and the units are never applied or started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Path> OURS = Stream.of("/etc/mlb", "/var/lib/mlb", "/var/cache/mlb", "/usr/share/mlb")
            .map(Path::of).toList();
    private static final String UPGRADE = "+it2";
    private Path work;
    private Path first;
    private Path second;
    private String version;
    private boolean installed;
    private Netns ns;

    @BeforeAll
    void buildAndInstall() throws IOException {
        Netns.assumeAvailable();
        for (String tool : List.of("dpkg", "dpkg-deb", "git")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is missing: the package cannot be built or installed here");
        }
        String status = run(null, Map.of(), "dpkg-query", "-W", "-f=${Status}", "mlb").out;
        Assumptions.assumeFalse(status.contains("installed") || status.contains("config-files"),
                "a package named mlb is on this machine (" + status.strip() + ") that this test did not install;"
                        + " it would replace and purge it");
        for (Path p : OURS) {
            Assumptions.assumeFalse(Files.exists(p), p + " exists without the package: this test would install over it");
        }
        Path top = Path.of(run(null, Map.of(), "git", "rev-parse", "--show-toplevel").out.strip());
        Assumptions.assumeTrue(Files.isDirectory(top.resolve("packaging")), "not run from a git checkout of mlb");
        work = Files.createTempDirectory("mlb-package-it");
        String commit = must(null, "git", "-C", top.toString(), "rev-parse", "HEAD").strip();
        Path clone = work.resolve("clone");
        must(null, "git", "clone", "-q", "--shared", top.toString(), clone.toString());
        must(clone, "git", "checkout", "-q", "--detach", commit);
        long t0 = System.nanoTime();
        first = Path.of(lastLine(must(clone, "scripts/build-deb", "--out", work.resolve("1").toString())));
        long t1 = System.nanoTime();
        version = must(null, "dpkg-deb", "-f", first.toString(), "Version").strip();
        second = Path.of(lastLine(must(clone, "scripts/build-deb", "--version", version + UPGRADE, "--out",
                work.resolve("2").toString())));
        long t2 = System.nanoTime();
        System.out.printf("PackageIT: %s from a clean clone of %s in %.1f s (%d bytes); %s in %.1f s%n",
                first.getFileName(), commit.substring(0, 7), (t1 - t0) / 1e9, Files.size(first), second.getFileName(),
                (t2 - t1) / 1e9);
        install(first);
    }

    @AfterAll
    void purge() throws IOException {
        if (ns != null) ns.close();
        // The test made /var/lib/mlb (it was not there before), so its purge takes the history along.
        if (installed) run(null, Map.of("MLB_PURGE_HISTORY", "yes"), "dpkg", "--purge", "mlb");
        if (work != null) must(null, "rm", "-rf", work.toString());
    }

    @Test
    @Order(1)
    void theLauncherRunsTheInstalledJarAndWritesNothingUnderUsr() throws IOException {
        assertEquals("mlb " + version + "\n", must(null, "mlb", "--version"));
        assertEquals("mlb " + version + "\n", must(null, "mlb", "--version"));
        // the first run learned the class-data archive: in /var/cache/mlb, and nothing changed in the package's files
        try (Stream<Path> files = Files.walk(Path.of("/var/cache/mlb"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("main.jsa")), "no archive in /var/cache/mlb");
        }
        assertEquals("", must(null, "dpkg", "--verify", "mlb"), "files of the package changed");
        // another user cannot write the archive's folder and runs without learning, silently
        if (onPath("runuser")) {
            assertEquals("mlb " + version + "\n", must(null, "runuser", "-u", "nobody", "--", "mlb", "--version"));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/var/lib/mlb"))));
        for (String doc : List.of("/usr/share/man/man1/mlb.1.gz", "/usr/share/man/man1/mlb-apply.1.gz",
                "/usr/share/bash-completion/completions/mlb", "/usr/share/zsh/vendor-completions/_mlb")) {
            assertTrue(Files.isRegularFile(Path.of(doc)), doc + " is not installed");
        }
        if (onPath("man")) assertTrue(must(null, "man", "-P", "cat", "mlb-apply").contains("--confirm"), "man mlb-apply");
    }

    @Test
    @Order(2)
    void theConffileValidatesAndApplyAtBootRefusesItUnchanged() {
        assertEquals("/etc/mlb/mlb.toml: valid (2 links, route mode, l4 hashing)\n",
                must(null, "mlb", "validate", "-f", "/etc/mlb/mlb.toml"));
        Result boot = run(null, Map.of(), "/usr/lib/mlb/apply-at-boot", "/etc/mlb/mlb.toml", "--netns", "mlbt-none");
        assertEquals(1, boot.code, boot.out);
        assertTrue(boot.out.contains("/etc/mlb/mlb.toml is the package's template, unchanged: not applied"), boot.out);
    }

    @Test
    @Order(3)
    void systemdAcceptsTheUnits() {
        Assumptions.assumeTrue(onPath("systemd-analyze"), "systemd-analyze is missing: the units were not verified");
        Result r = run(null, Map.of(), "systemd-analyze", "verify", "/lib/systemd/system/mlb-apply.service",
                "/lib/systemd/system/mlb-monitor.service");
        assertEquals(0, r.code, r.out);
        assertEquals("", r.out);
    }

    @Test
    @Order(4)
    void lintianFindsNothing() {
        Assumptions.assumeTrue(onPath("lintian"), "lintian is not installed (apt-get install lintian): not run");
        Result r = run(null, Map.of(), "lintian", "--pedantic", first.toString());
        String found = r.out.replace("running with root privileges is not recommended!\n", "");
        assertEquals(0, r.code, found);
        assertEquals("", found);
    }

    /** mlb init on a namespace of two uplinks; its spec applies, with the history in the package's /var/lib/mlb. */
    @Test
    @Order(5)
    void initWritesASpecThatAppliesWithTheDefaultHistory() throws IOException {
        ns = uplinks();
        Path spec = work.resolve("init.toml");
        must(null, "mlb", "init", "--netns", ns.name, "-o", spec.toString());
        must(null, "mlb", "validate", "-f", spec.toString());
        must(null, "mlb", "apply", "-f", spec.toString(), "--netns", ns.name, "--yes");
        assertTrue(Files.isDirectory(Path.of("/var/lib/mlb/netns-" + ns.name)), "no history in /var/lib/mlb");
        must(null, "mlb", "destroy", "--netns", ns.name, "--yes");
    }

    /**
     * apply-at-boot applies a spec; after an apply with --confirm whose watcher died (what a reboot does), it applies
     * nothing, lets mlb revert it at its deadline and fails, so the monitor's unit does not start.
     */
    @Test
    @Order(6)
    void applyAtBootKeepsAnUnconfirmedApplyFromBecomingPermanent() throws IOException {
        Netns boot = uplinks();
        try {
            Path state = work.resolve("boot-state");
            Path spec = work.resolve("boot.toml");
            must(null, "mlb", "init", "--netns", boot.name, "-o", spec.toString());
            String[] target = {"--netns", boot.name, "--state", state.toString()};
            must(null, concat(List.of("/usr/lib/mlb/apply-at-boot", spec.toString()), target));
            String applied = boot.dump();
            // weights 3 : 1 instead of the link speeds' 1 : 1
            Path risky = Files.writeString(work.resolve("risky.toml"), Files.readString(spec)
                    .replaceFirst("bandwidth = \"[^\"]*\"", "weight = 3").replaceAll("bandwidth = \"[^\"]*\"", "weight = 1"));
            must(null, concat(List.of("mlb", "apply", "-f", risky.toString(), "--yes", "--confirm", "3s"), target));
            JsonNode pending = JSON.readTree(must(null, concat(List.of("mlb", "status", "--json"), target))).path("pending_confirm");
            assertTrue(pending.has("pid"), pending.toString());
            must(null, "kill", "-KILL", pending.path("pid").asText());   // the watcher, gone as at a reboot

            Result r = run(null, Map.of(), concat(List.of("/usr/lib/mlb/apply-at-boot", risky.toString()), target));
            assertEquals(1, r.code, r.out);
            assertTrue(r.out.contains("was waiting for `mlb confirm` when the machine went down"), r.out);
            assertTrue(r.out.contains("Revert complete"), r.out);
            assertEquals(applied, boot.dump(), "the kernel is not back to the confirmed state");
            String history = must(null, concat(List.of("mlb", "history"), target));
            assertTrue(history.lines().findFirst().orElse("").contains("revert unconfirmed apply"), history);
        } finally {
            boot.close();
        }
    }

    @Test
    @Order(7)
    void anUpgradeKeepsTheEditedConffile() throws IOException {
        Path conf = Path.of("/etc/mlb/mlb.toml");
        String edited = Files.readString(conf) + "# edited by PackageIT\n";
        Files.writeString(conf, edited);
        install(second);
        assertEquals(version + UPGRADE, must(null, "dpkg-query", "-W", "-f=${Version}", "mlb"));
        assertEquals("mlb " + version + UPGRADE + "\n", must(null, "mlb", "--version"));
        assertEquals(edited, Files.readString(conf));
    }

    @Test
    @Order(8)
    void purgeKeepsTheAuditHistoryUnlessAsked() throws IOException {
        Result purge = run(null, Map.of(), "dpkg", "--purge", "mlb");
        assertEquals(0, purge.code, purge.out);
        installed = false;
        for (String gone : List.of("/usr/bin/mlb", "/usr/share/mlb", "/etc/mlb", "/var/cache/mlb", "/lib/systemd/system/mlb-apply.service")) {
            assertFalse(Files.exists(Path.of(gone)), gone + " is left after the purge");
        }
        assertTrue(purge.out.contains("the audit history in /var/lib/mlb is kept"), purge.out);
        assertTrue(Files.isDirectory(Path.of("/var/lib/mlb/netns-" + ns.name)), "the purge took the history");

        install(first);
        Result asked = run(null, Map.of("MLB_PURGE_HISTORY", "yes"), "dpkg", "--purge", "mlb");
        assertEquals(0, asked.code, asked.out);
        installed = false;
        assertFalse(Files.exists(Path.of("/var/lib/mlb")), "MLB_PURGE_HISTORY=yes left /var/lib/mlb");
    }

    private void install(Path deb) {
        installed = true;
        must(null, "dpkg", "-i", deb.toString());
    }

    /** A namespace with wan1 and wan2, each with a default route (wan2's behind wan1's). */
    private static Netns uplinks() {
        Netns n = Netns.create();
        n.ip("route", "add", "default", "via", "198.18.1.1", "dev", "wan1", "metric", "100");
        n.ip("route", "add", "default", "via", "198.18.2.1", "dev", "wan2", "metric", "200");
        return n;
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static boolean onPath(String tool) {
        return run(null, Map.of(), "sh", "-c", "command -v " + tool).code == 0;
    }

    private record Result(int code, String out) {
    }

    private static String must(Path dir, String... argv) {
        Result r = run(dir, Map.of(), argv);
        if (r.code != 0) throw new AssertionError(String.join(" ", argv) + " exited " + r.code + ":\n" + r.out);
        return r.out;
    }

    /** A command with its output and errors as one text (dpkg and mlb say what they do on both), stdin empty. */
    private static Result run(Path dir, Map<String, String> env, String... argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) pb.directory(dir.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            return new Result(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
