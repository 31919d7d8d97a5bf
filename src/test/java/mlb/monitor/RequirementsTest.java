package mlb.monitor;

import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.spec.Spec;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequirementsTest {
    @TempDir
    Path tmp;

    /** check: the lines of [link.check] before its targets. */
    Spec spec(String check) throws IOException {
        return SpecParser.parse(Files.writeString(tmp.resolve("s.toml"), """
                [monitor]
                conntrack_grace = "0s"
                [[link]]
                name = "isp1"
                dev = "wan1"
                gateway = "198.18.1.1"
                [link.check]
                %s
                targets = ["198.19.0.1"]
                """.formatted(check))).get();
    }

    @Test
    void icmpChecksNeedRawSocketsAndSayWhyTheyCannotBeSent() throws IOException {
        Refusal r = Requirements.unmet(spec("method = \"icmp\""), "/nowhere", () -> Option.some("cannot open a raw icmp socket: [1] operation not permitted")).get();
        assertEquals(Refusal.Reason.NOT_PERMITTED, r.reason());
        assertEquals("icmp checks cannot be sent: cannot open a raw icmp socket: [1] operation not permitted", r.message());
        assertTrue(Requirements.unmet(spec("method = \"icmp\""), "/nowhere", Option::none).isEmpty(), "no program is needed for icmp");
    }

    @Test
    void otherChecksDoNotAskForRawSockets() throws IOException {
        assertTrue(Requirements.unmet(spec("method = \"tcp\"\nport = 443"), "/nowhere", () -> {
            throw new AssertionError("asked");
        }).isEmpty());
    }
}
