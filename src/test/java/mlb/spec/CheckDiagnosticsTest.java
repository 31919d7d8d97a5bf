package mlb.spec;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.only;
import static mlb.spec.Specs.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** [link.check], one test per kind of mistake, as in DiagnosticsTest. Keys below the header start on line 7. */
class CheckDiagnosticsTest {
    private static final String CHECK = LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\n";

    // --- method ---

    @Test
    void unknownMethodSuggestsTheNearestAndStillReadsTheOtherValues() {
        assertEquals(List.of(
                        "7:10 link[0].check.method: must be \"icmp\" or \"tcp\" or \"http\" or \"https\" or \"dns\", found \"htps\"",
                        "8:8 link[0].check.port: must be 1..65535, found 0",
                        "9:8 link[0].check.path: an HTTP path starts with \"/\", found \"x\""),
                problems(CHECK + "method = \"htps\"\nport = 0\npath = \"x\"\n"));
        assertEquals("write method = \"https\"", Specs.diagnostics(CHECK + "method = \"htps\"\n").head().hint());
        assertEquals("write method = \"icmp\"", Specs.diagnostics(CHECK + "method = \"ping\"\n").head().hint());
    }

    @Test
    void keysOfAnotherMethodAreRefusedAtTheKey() {
        assertEquals(List.of(
                        "7:1 link[0].check.port: port is not used by method \"icmp\"",
                        "8:1 link[0].check.path: path is not used by method \"icmp\"",
                        "9:1 link[0].check.name: name is not used by method \"icmp\""),
                problems(CHECK + "port = 80\npath = \"/\"\nname = \"example.com\"\n"));
        Diagnostic d = only(CHECK + "method = \"tcp\"\nport = 22\nexpect = 200\n",
                "9:1 link[0].check.expect: expect is not used by method \"tcp\"");
        assertEquals("remove expect, or write method = \"http\"", d.hint());
        Diagnostic record = only(CHECK + "method = \"https\"\nrecord = \"A\"\n",
                "8:1 link[0].check.record: record is not used by method \"https\"");
        assertEquals("remove record, or write method = \"dns\"", record.hint());
        assertEquals("remove port, or write method = \"tcp\"",
                only(CHECK + "port = 80\n", "7:1 link[0].check.port: port is not used by method \"icmp\"").hint());
        only(CHECK + "method = \"dns\"\nname = \"example.com\"\nhost = \"example.com\"\n",
                "9:1 link[0].check.host: host is not used by method \"dns\"");
    }

    @Test
    void tcpNeedsAPort() {
        Diagnostic d = only(CHECK + "method = \"tcp\"\n", "5:1 link[0].check.port: missing required key for method \"tcp\"");
        assertEquals("add port = 443 to this [link.check]", d.hint());
    }

    @ParameterizedTest
    @CsvSource({"0", "65536", "-1"})
    void portsOutOfRange(String port) {
        Diagnostic d = only(CHECK + "method = \"tcp\"\nport = " + port + "\n",
                "8:8 link[0].check.port: must be 1..65535, found " + port);
        assertEquals("write port = 443", d.hint());
        assertEquals("write port = 53", only(CHECK + "method = \"dns\"\nname = \"example.com\"\nport = " + port + "\n",
                "9:8 link[0].check.port: must be 1..65535, found " + port).hint());
        assertEquals("write port = 80", only(CHECK + "method = \"http\"\nport = " + port + "\n",
                "8:8 link[0].check.port: must be 1..65535, found " + port).hint());
    }

    // --- http, https ---

    @Test
    void httpPathsStartWithASlashAndAreAscii() {
        Diagnostic slash = only(CHECK + "method = \"http\"\npath = \"health check\"\n",
                "8:8 link[0].check.path: an HTTP path starts with \"/\", found \"health check\"");
        assertEquals("write path = \"/health%20check\"", slash.hint());
        Diagnostic ascii = only(CHECK + "method = \"http\"\npath = \"/a b/\u00e9\"\n",
                "8:8 link[0].check.path: not an HTTP path: \"/a b/\u00e9\"");
        assertEquals("write printable ASCII without spaces, percent-encoding the rest, e.g. path = \"/a%20b/%C3%A9\"",
                ascii.hint());
        only(CHECK + "method = \"http\"\npath = \"/a\\tb\"\n", "8:8 link[0].check.path: not an HTTP path: \"/a\\u0009b\"");
        only(CHECK + "method = \"http\"\npath = \"\"\n", "8:8 link[0].check.path: an HTTP path starts with \"/\", found \"\"");
        only(CHECK + "method = \"http\"\npath = \"/" + "a".repeat(2048) + "\"\n",
                "8:8 link[0].check.path: longer than 2048 characters");
    }

    @Test
    void httpExpectIsAStatusCode() {
        Diagnostic d = only(CHECK + "method = \"https\"\nexpect = 600\n", "8:10 link[0].check.expect: must be 100..599, found 600");
        assertEquals("write expect = 200", d.hint());
        only(CHECK + "method = \"https\"\nexpect = 99\n", "8:10 link[0].check.expect: must be 100..599, found 99");
        only(CHECK + "method = \"https\"\nexpect = \"204\"\n", "8:10 link[0].check.expect: expected an integer, found a string");
    }

    @ParameterizedTest
    @CsvSource({"exa mple.com", "example.com.", "-x.example", "1.2.3", "256.1.1.1", "a..b", "host:8080", "''"})
    void httpHostIsANameOrAnAddress(String host) {
        Diagnostic d = only(CHECK + "method = \"http\"\nhost = \"" + host + "\"\n",
                "8:8 link[0].check.host: not a host name: \"" + host + "\"");
        assertEquals("write the name the server expects, e.g. host = \"example.com\", "
                + "or leave host out to send the target's address", d.hint());
    }

    // --- dns ---

    @Test
    void dnsNeedsAName() {
        Diagnostic d = only(CHECK + "method = \"dns\"\n", "5:1 link[0].check.name: missing required key for method \"dns\"");
        assertEquals("add name = \"example.com\" to this [link.check]", d.hint());
        Diagnostic root = only(CHECK + "method = \"dns\"\nname = \".\"\n",
                "8:8 link[0].check.name: not a name to look up: \".\" is the root");
        assertEquals("write the name the target should answer for, e.g. name = \"example.com\"", root.hint());
    }

    @ParameterizedTest
    @CsvSource({"-bad-.com", "a..b", "exa_mple.com", "example.123", "''", ".example.com"})
    void dnsNamesAreLettersDigitsAndHyphens(String name) {
        Diagnostic d = only(CHECK + "method = \"dns\"\nname = \"" + name + "\"\n",
                "8:8 link[0].check.name: not a DNS name: \"" + name + "\"");
        assertEquals("write labels of letters, digits and inner hyphens, 1-63 each, separated by dots, "
                + "e.g. name = \"example.com\"", d.hint());
    }

    @Test
    void dnsNamesHaveLimitsAndNoUnicode() {
        String label = "a".repeat(64);
        only(CHECK + "method = \"dns\"\nname = \"" + label + ".com\"\n", "8:8 link[0].check.name: not a DNS name: \""
                + label.substring(0, 64) + "...\"");
        String name = ("a".repeat(63) + ".").repeat(4) + "com";
        only(CHECK + "method = \"dns\"\nname = \"" + name + "\"\n", "8:8 link[0].check.name: not a DNS name: \""
                + name.substring(0, 64) + "...\"");
        Diagnostic idn = only(CHECK + "method = \"dns\"\nname = \"b\u00fccher.de\"\n",
                "8:8 link[0].check.name: not a DNS name: \"b\u00fccher.de\"");
        assertEquals("write labels of letters, digits and inner hyphens, 1-63 each, separated by dots, "
                + "e.g. name = \"example.com\"; an internationalized name in its xn-- form", idn.hint());
    }

    @Test
    void dnsRecordTypes() {
        Diagnostic lower = only(CHECK + "method = \"dns\"\nname = \"example.com\"\nrecord = \"aaaa\"\n",
                "9:10 link[0].check.record: must be \"A\" or \"AAAA\" or \"NS\" or \"SOA\", found \"aaaa\"");
        assertEquals("write record = \"AAAA\"", lower.hint());
        Diagnostic txt = only(CHECK + "method = \"dns\"\nname = \"example.com\"\nrecord = \"TXT\"\n",
                "9:10 link[0].check.record: must be \"A\" or \"AAAA\" or \"NS\" or \"SOA\", found \"TXT\"");
        assertEquals("write record = \"A\"", txt.hint());
    }

    // --- targets and reliability ---

    @Test
    void targetsAreDistinctHostAddresses() {
        // link-local is fine for a target: a modem's own address answers through its link
        String targets = "targets = [\"192.0.2.53\", \"192.0.2.53\", \"169.254.1.1\", \"192.0.2.7\"]\n";
        Diagnostic d = only(LINK + "[link.check]\n" + targets,
                "6:26 link[0].check.targets[1]: duplicate target \"192.0.2.53\"");
        assertEquals("list each target once", d.hint());
        assertEquals(List.of("6:12 link[0].check.targets[0]: \"127.0.0.1\" is a loopback address, in 127.0.0.0/8",
                        "6:25 link[0].check.targets[1]: not an IPv4 address: \"x\"",
                        "6:43 link[0].check.targets[3]: duplicate target \"192.0.2.9\""),
                problems(LINK + "[link.check]\ntargets = [\"127.0.0.1\", \"x\", \"192.0.2.9\", \"192.0.2.9\"]\n"));
        Diagnostic multicast = only(LINK + "[link.check]\ntargets = [\"224.0.0.1\"]\n",
                "6:12 link[0].check.targets[0]: \"224.0.0.1\" is a multicast address, in 224.0.0.0/4");
        assertEquals("write the address of a host beyond this link that answers probes, e.g. \"192.0.2.53\"",
                multicast.hint());
    }

    @Test
    void reliabilityIsAtMostTheNumberOfTargets() {
        String two = LINK + "[link.check]\ntargets = [\"192.0.2.53\", \"192.0.2.54\"]\n";
        Diagnostic d = only(two + "reliability = 3\n",
                "7:15 link[0].check.reliability: must be 1..2, the number of targets, found 3");
        assertEquals("write reliability = 2 or less, or list more targets", d.hint());
        Diagnostic one = only(CHECK + "reliability = 2\n",
                "7:15 link[0].check.reliability: must be 1..1, the number of targets, found 2");
        assertEquals("write reliability = 1, or list more targets", one.hint());
        assertEquals("write reliability = 1", only(two + "reliability = 0\n",
                "7:15 link[0].check.reliability: must be 1..2, the number of targets, found 0").hint());
        only(LINK + "[link.check]\ntargets = [\"x\"]\nreliability = 2\n",
                "6:12 link[0].check.targets[0]: not an IPv4 address: \"x\"");
        assertEquals(List.of("6:12 link[0].check.targets[0]: not an IPv4 address: \"x\"",
                        "7:15 link[0].check.reliability: must be at least 1, found -1"),
                problems(LINK + "[link.check]\ntargets = [\"x\"]\nreliability = -1\n"));
    }

    // --- interval and timeout ---

    @Test
    void timeoutMustBeShorterThanTheIntervalAndSaysBoth() {
        Diagnostic d = only(CHECK + "interval = \"2s\"\ntimeout = \"2s\"\n",
                "8:11 link[0].check.timeout: must be shorter than interval \"2s\", found \"2s\"");
        assertEquals("write timeout = \"150ms\", or a longer interval", d.hint());
        only(CHECK + "timeout = \"600ms\"\n",
                "7:11 link[0].check.timeout: must be shorter than interval \"200ms\" (the default), found \"600ms\"");
        Diagnostic interval = only(CHECK + "interval = \"100ms\"\n",
                "7:12 link[0].check.interval: must be longer than timeout \"150ms\" (the default), found \"100ms\"");
        assertEquals("write timeout = \"50ms\" as well, or interval = \"200ms\"", interval.hint());
        assertEquals("write timeout = \"50ms\", or a longer interval", only(CHECK + "interval = \"100ms\"\ntimeout = \"1s\"\n",
                "8:11 link[0].check.timeout: must be shorter than interval \"100ms\", found \"1s\"").hint());
    }

    @Test
    void timeoutIsAtLeastTenMilliseconds() {
        Diagnostic d = only(CHECK + "timeout = \"9ms\"\n", "7:11 link[0].check.timeout: must be at least 10ms, found \"9ms\"");
        assertEquals("write timeout = \"150ms\"", d.hint());
        only(CHECK + "timeout = \"0.5s\"\n", "7:11 link[0].check.timeout: not a duration: \"0.5s\"");
        only(CHECK + "timeout = 300\n", "7:11 link[0].check.timeout: expected a string, found an integer");
    }

    @Test
    void aWrongIntervalIsReportedOnceNotAgainstTheTimeout() {
        only(CHECK + "interval = \"1h\"\ntimeout = \"2s\"\n", "7:12 link[0].check.interval: not a duration: \"1h\"");
    }

    // --- quality ---

    @Test
    void maxLossIsAPercentage() {
        Diagnostic d = only(CHECK + "max_loss = 100\n", "7:12 link[0].check.max_loss: must be 1..99, found 100");
        assertEquals("write max_loss = 10", d.hint());
        only(CHECK + "max_loss = 0\n", "7:12 link[0].check.max_loss: must be 1..99, found 0");
        only(CHECK + "max_loss = 2.5\n", "7:12 link[0].check.max_loss: expected an integer, found a float");
    }

    @Test
    void maxRttIsBelowTheTimeout() {
        Diagnostic d = only(CHECK + "max_rtt = \"300ms\"\n",
                "7:11 link[0].check.max_rtt: must be shorter than timeout \"150ms\" (the default), found \"300ms\"");
        assertEquals("a probe slower than the timeout is lost already: write max_rtt = \"75ms\"", d.hint());
        assertEquals("a probe slower than the timeout is lost already: write max_rtt = \"50ms\"",
                only(CHECK + "timeout = \"100ms\"\nmax_rtt = \"1s\"\n",
                        "8:11 link[0].check.max_rtt: must be shorter than timeout \"100ms\", found \"1s\"").hint());
        only(CHECK + "max_rtt = \"0ms\"\n", "7:11 link[0].check.max_rtt: must be at least 1ms, found \"0ms\"");
        only(CHECK + "timeout = \"5ms\"\nmax_rtt = \"1s\"\n", "7:11 link[0].check.timeout: must be at least 10ms, found \"5ms\"");
    }

    @Test
    void aWindowAloneDoesNothing() {
        Diagnostic d = only(CHECK + "window = 10\n", "7:1 link[0].check.window: window does nothing without max_loss or max_rtt");
        assertEquals("add max_loss = 10 or max_rtt = \"150ms\", or remove window", d.hint());
        Diagnostic range = only(CHECK + "max_loss = 5\nwindow = 4\n", "8:10 link[0].check.window: must be 5..1000, found 4");
        assertEquals("write window = 20", range.hint());
        only(CHECK + "max_rtt = \"100ms\"\nwindow = 1001\n", "8:10 link[0].check.window: must be 5..1000, found 1001");
    }
}
