package mlb.monitor.conntrack;

import mlb.it.Netns;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting one link's connections in a real conntrack table, in a namespace of its own. */
class ConntrackIT {
    @BeforeEach
    void needsRoot() {
        Netns.assumeAvailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(Netns.run("conntrack", "--version").code() == 0,
                "needs the conntrack program (Debian package conntrack; scripts/ensure-deps installs it)");
    }

    /** A flow from a LAN host, masqueraded to linkAddress: its replies come back to the link's address. */
    static void masqueraded(Netns ns, String proto, int sport, String linkAddress) {
        conntrack(ns, "-I", "-p", proto, "-s", "10.77.0.2", "-d", "198.19.0.1", "--sport", String.valueOf(sport), "--dport", "53",
                "-r", "198.19.0.1", "-q", linkAddress, "--reply-port-src", "53", "--reply-port-dst", String.valueOf(sport),
                "-t", "300", proto.equals("tcp") ? "--state" : "-u", proto.equals("tcp") ? "ESTABLISHED" : "SEEN_REPLY");
    }

    static String conntrack(Netns ns, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns.name, "conntrack"));
        argv.addAll(Arrays.asList(args));
        Netns.Result r = Netns.run(argv.toArray(String[]::new));
        if (r.code() != 0) throw new IllegalStateException(argv + ": " + r.err());
        return r.out();
    }

    @Test
    void onlyTheLinksOwnConnectionsGo() {
        try (Netns ns = Netns.create()) {
            masqueraded(ns, "udp", 4000, "198.18.1.2");
            masqueraded(ns, "tcp", 4001, "198.18.1.2");
            masqueraded(ns, "udp", 4002, "198.18.2.2");
            masqueraded(ns, "tcp", 4003, "198.18.2.2");
            Conntrack ct = new SystemConntrack(new SystemRunner(), Target.netns(ns.name));

            assertEquals(new Deletion.Deleted(2), ct.deleteNatedTo(SystemConntrackTest.address("198.18.1.2")));

            String left = conntrack(ns, "-L");
            assertEquals(2, left.lines().count(), left);
            assertTrue(left.lines().allMatch(l -> l.contains("dst=198.18.2.2 ")), left);
            assertEquals(new Deletion.Deleted(0), ct.deleteNatedTo(SystemConntrackTest.address("198.18.1.2")), "none left is still a success");
            assertEquals(2, conntrack(ns, "-L").lines().count());
        }
    }

    /** A connection of the LAN host's with a mark; established (a reply seen) or an attempt (SYN_SENT). */
    static void marked(Netns ns, int sport, long mark, boolean established) {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("-I", "-p", "tcp", "-s", "10.77.0.2", "-d", "198.19.0.1",
                "--sport", String.valueOf(sport), "--dport", "80", "-t", "300"));
        args.addAll(established ? List.of("--state", "ESTABLISHED", "-u", "SEEN_REPLY,ASSURED") : List.of("--state", "SYN_SENT"));
        // last: conntrack 1.4.7 -I lets a later -u overwrite an earlier --mark
        args.addAll(List.of("--mark", String.valueOf(mark)));
        conntrack(ns, args.toArray(String[]::new));
    }

    @Test
    void byMarkTheLinksAttemptsGoFirstAndTheRestAfterNothingOfAnotherLink() {
        try (Netns ns = Netns.create()) {
            marked(ns, 5001, 0x10000, false);
            marked(ns, 5002, 0x10000, true);
            marked(ns, 5003, 0x10000 | 0x7, true);
            marked(ns, 5004, 0x20000, false);
            marked(ns, 5005, 0x20000, true);
            Conntrack ct = new SystemConntrack(new SystemRunner(), Target.netns(ns.name));
            Conntrack.Marked isp1 = new Conntrack.Marked(0x10000, 0xff0000);

            assertEquals(new Deletion.Deleted(1), ct.deleteMarked(isp1, true), "isp1's attempt only");
            String left = conntrack(ns, "-L");
            assertEquals(4, left.lines().count(), left);
            assertTrue(left.lines().noneMatch(l -> l.contains("sport=5001 ")), left);

            assertEquals(new Deletion.Deleted(2), ct.deleteMarked(isp1, false), "then the rest of isp1's, other mark bits too");
            left = conntrack(ns, "-L");
            assertEquals(2, left.lines().count(), left);
            assertTrue(left.lines().allMatch(l -> l.contains("mark=131072 ")), "isp2's stay: " + left);
        }
    }
}
