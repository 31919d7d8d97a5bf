package mlb.spec;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.spec.Check.Method;
import mlb.spec.Check.Quality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records refuse what the parser never produces, so code that builds them by hand cannot either. */
class RecordsTest {
    private static final List<String> ONE = List.of("192.0.2.53");

    @Test
    void checksKeepTheirTimingConsistent() {
        refused(() -> check(ONE, 2, Duration.ofMillis(500), Duration.ofMillis(300), Option.none()));
        refused(() -> check(List.of("192.0.2.53", "192.0.2.53"), 1, Duration.ofMillis(500), Duration.ofMillis(300),
                Option.none()));
        refused(() -> check(ONE, 1, Duration.ofMillis(500), Duration.ofMillis(500), Option.none()));
        refused(() -> check(ONE, 1, Duration.ofMillis(99), Duration.ofMillis(50), Option.none()));
        refused(() -> check(ONE, 1, Duration.ofMillis(500), Duration.ofMillis(9), Option.none()));
        refused(() -> check(ONE, 1, Duration.ofMillis(500), Duration.ofMillis(300),
                Option.some(new Quality(Option.none(), Option.some(Duration.ofMillis(300)), 20))));
        assertTrue(check(ONE, 1, Duration.ofMillis(100), Duration.ofMillis(10), Option.none()).probes());
    }

    @Test
    void methodsAndQualityRefuseWhatTheSpecRefuses() {
        refused(() -> new Method.Tcp(0));
        refused(() -> new Method.Http(false, 80, "health", 200, Option.none()));
        refused(() -> new Method.Http(false, 80, "/", 600, Option.none()));
        refused(() -> new Method.Http(true, 443, "/", 200, Option.some("exa mple")));
        refused(() -> new Method.Dns(53, ".", Check.DnsRecord.A));
        refused(() -> new Quality(Option.none(), Option.none(), 20));
        refused(() -> new Quality(Option.some(100), Option.none(), 20));
        refused(() -> new Quality(Option.some(10), Option.none(), 4));
    }

    @Test
    void hooksMonitorsAndBalancersToo() {
        Duration tenSeconds = Duration.ofSeconds(10);
        refused(() -> new Hook(List.of("true"), TreeSet.of(Hook.Event.DOWN), Option.none(), tenSeconds));
        refused(() -> new Hook(List.empty(), TreeSet.of(Hook.Event.DOWN), Option.none(), tenSeconds));
        refused(() -> new Hook(List.of("/bin/echo", "a\0"), TreeSet.of(Hook.Event.DOWN), Option.none(), tenSeconds));
        refused(() -> new Hook(List.of("/bin/true"), TreeSet.empty(), Option.none(), tenSeconds));
        refused(() -> new Hook(List.of("/bin/true"), TreeSet.of(Hook.Event.UP), Option.some(TreeSet.empty()), tenSeconds));
        refused(() -> new Hook(List.of("/bin/true"), TreeSet.of(Hook.Event.UP), Option.none(), Duration.ofMinutes(6)));
        refused(() -> new Monitor(Duration.ofMinutes(61), List.empty()));
        Balancer d = Balancer.defaults();
        refused(() -> new Balancer(d.mode(), d.hash(), d.priorityBase(), d.protocol(), d.tableBase(), d.lastResort(),
                Duration.ofMillis(1500), Duration.ZERO));
        refused(() -> new Balancer(d.mode(), d.hash(), d.priorityBase(), d.protocol(), d.tableBase(), d.lastResort(),
                Duration.ZERO, Duration.ofSeconds(3601)));
    }

    private static Check check(List<String> targets, int reliability, Duration interval, Duration timeout,
                               Option<Quality> quality) {
        return new Check(new Method.Icmp(), targets, reliability, interval, timeout, 3, 3, quality);
    }

    private static void refused(Executable build) {
        assertThrows(IllegalArgumentException.class, build);
    }
}
