package mlb.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the lab needs before it touches anything: root, and the programs it runs. */
public final class Preflight {
    /** Program → Debian package that provides it. */
    private static final Map<String, String> PROGRAMS = Map.of(
            "ip", "iproute2", "tc", "iproute2", "nft", "nftables", "sysctl", "procps");

    private Preflight() {
    }

    /** Throws a LabException with exit 77 (not root) or 69 (a program is missing). */
    public static void check() {
        if (!isRoot()) {
            throw new LabException(LabException.NOT_PERMITTED,
                    "the lab creates network namespaces and needs root (try: sudo mlb lab ...)");
        }
        for (String program : List.of("ip", "tc", "nft", "sysctl")) {
            if (!onPath(program)) throw missing(program);
        }
    }

    static LabException missing(String program) {
        String pkg = PROGRAMS.getOrDefault(program, "the package that provides it");
        return new LabException(LabException.UNAVAILABLE,
                "'" + program + "' not found on PATH (Debian/Ubuntu: apt-get install " + pkg + ")");
    }

    /** Root and namespaces available: what the dataplane tests need to run instead of skipping. */
    public static boolean canRun() {
        return isRoot() && List.of("ip", "tc", "nft", "sysctl").stream().allMatch(Preflight::onPath)
                && Files.isDirectory(Path.of("/proc/self/ns"));
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0"); // effective uid
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) return true;
        }
        return false;
    }
}
