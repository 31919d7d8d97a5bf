package mlb.monitor.conntrack;

import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SystemConntrackTest {
    static final String V = "conntrack v1.4.7 (conntrack-tools): ";

    static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void itDeletesByReplyDestinationInTheLinksFamilyAndTarget() {
        assertEquals(List.of("conntrack", "-D", "-f", "ipv4", "--reply-dst", "198.18.1.2"),
                SystemConntrack.argv(Target.host(), address("198.18.1.2")));
        assertEquals(List.of("ip", "netns", "exec", "mlb-router", "conntrack", "-D", "-f", "ipv6", "--reply-dst", "2001:db8:0:0:0:0:0:2"),
                SystemConntrack.argv(Target.netns("mlb-router"), address("2001:db8::2")));
    }

    @Test
    void theCountLineSaysHowManyWereDeleted() {
        List<List<String>> ran = new ArrayList<>();
        Runner runner = (argv, stdin) -> {
            ran.add(argv);
            return new Runner.Result(0, "udp 17 29 src=10.77.0.2 ...\n", V + "3 flow entries have been deleted.\n");
        };
        assertEquals(new Deletion.Deleted(3), new SystemConntrack(runner, Target.host()).deleteNatedTo(address("198.18.1.2")));
        assertEquals(1, ran.size());
    }

    @Test
    void noneDeletedIsASuccessThoughConntrackExitsOne() {
        assertEquals(new Deletion.Deleted(0), SystemConntrack.outcome(new Runner.Result(1, "", V + "0 flow entries have been deleted.\n")));
    }

    @Test
    void anythingElseIsAFailureWithItsLastLine() {
        assertEquals(new Deletion.Failed("conntrack exited 1: " + V + "Operation failed: invalid parameters"),
                SystemConntrack.outcome(new Runner.Result(1, "", V + "Operation failed: invalid parameters\n")));
        assertEquals(new Deletion.Failed("conntrack exited 2"), SystemConntrack.outcome(new Runner.Result(2, "", "")));
    }

    @Test
    void aMissingProgramNamesItsDebianPackage() {
        Runner absent = (argv, stdin) -> {
            List<String> renamed = new ArrayList<>(argv);
            renamed.set(0, "/nonexistent/" + argv.get(0));
            return new SystemRunner().run(renamed, stdin);
        };
        assertEquals(new Deletion.Missing("conntrack", "conntrack"),
                new SystemConntrack(absent, Target.host()).deleteNatedTo(address("198.18.1.2")));
        assertEquals(new Deletion.Missing("ip", "iproute2"),
                new SystemConntrack(absent, Target.netns("mlb-x")).deleteNatedTo(address("198.18.1.2")));
        assertEquals(new Deletion.Missing("conntrack", "conntrack"), SystemConntrack.outcome(
                new Runner.Result(255, "", "exec of \"conntrack\" failed: No such file or directory\n")));
    }
}
