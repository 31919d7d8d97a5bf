package mlb.spec;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.only;
import static mlb.spec.Specs.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per kind of mistake: the exact message, key path and line:col, and for most the hint. */
class DiagnosticsTest {
    private static final String SECOND = """
            [[link]]
            name = "isp2"
            dev = "eth2"
            gateway = "198.18.0.1"
            """;

    // --- TOML syntax ---

    @Test
    void malformedTomlKeepsTheParsersPosition() {
        Diagnostic d = only(LINK.replace("\"eth1\"", "eth1"), "3:7 invalid TOML: unknown token");
        assertEquals("put strings in double quotes, e.g. dev = \"eth1\"", d.hint());
        assertEquals("", d.keyPath());
    }

    @Test
    void malformedTomlDuplicateKey() {
        Diagnostic d = only(LINK + "name = \"isp2\"\n", "5:14 invalid TOML: duplicate key");
        assertEquals("each key may appear once per table: remove or rename one", d.hint());
    }

    @Test
    void malformedTomlUnclosedArrayPointsAtItsLine() {
        only(LINK + "[link.check]\ntargets = [\"192.0.2.53\",\n", "6:25 invalid TOML: premature end of file");
    }

    @Test
    void malformedTomlTableAfterArrayOfTables() {
        Diagnostic d = only(LINK + "[link]\nweight = 2\n", "5:6 invalid TOML: this key already holds an array");
        assertEquals("start every link with [[link]]; write its probe as [link.check]", d.hint());
        only("[link]\nname = \"isp1\"\n[[link]]\n", "3:7 invalid TOML: this key is already defined, not as an array of tables");
    }

    // --- unknown keys ---

    @Test
    void unknownKeySuggestsTheNearestValidOne() {
        assertEquals(List.of(
                        "1:1 link[0].gateway: missing required key",
                        "4:1 link[0].gatway: unknown key (did you mean \"gateway\"?)"),
                problems(LINK.replace("gateway =", "gatway =")));
    }

    @Test
    void unknownKeyWithoutACloseOneListsTheValidKeys() {
        Diagnostic d = only(LINK + "colour = \"red\"\n", "5:1 link[0].colour: unknown key");
        assertEquals("valid keys here: name, dev, gateway, onlink, weight, bandwidth, table, source, route, check, nat, mark",
                d.hint());
    }

    @Test
    void unknownTablesAndNestedKeys() {
        only("[balancr]\nmode = \"route\"\n" + LINK, "1:1 balancr: unknown key (did you mean \"balancer\"?)");
        only("[balancer]\nlast_resrt = \"main\"\n" + LINK,
                "2:1 balancer.last_resrt: unknown key (did you mean \"last_resort\"?)");
        only(LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\nintervall = \"1s\"\n",
                "7:1 link[0].check.intervall: unknown key (did you mean \"interval\"?)");
        only(LINK + "[[link.route]]\nto = \"192.0.2.0/24\"\nvia = \"x\"\n", "7:1 link[0].route[0].via: unknown key");
        assertEquals(List.of("1:1 links: unknown key (did you mean \"link\"?)",
                        "0:0 link: at least one [[link]] is required"),
                problems(LINK.replace("[[link]]", "[[links]]")));
    }

    // --- types ---

    @Test
    void stringWhereAStringIsExpected() {
        Diagnostic d = only(LINK.replace("\"eth1\"", "5"), "3:7 link[0].dev: expected a string, found an integer");
        assertEquals("write dev = \"eth1\"", d.hint());
    }

    @Test
    void numberWrittenAsAString() {
        Diagnostic d = only(LINK + "weight = \"5\"\n", "5:10 link[0].weight: expected an integer, found a string");
        assertEquals("write weight = 5, a number without quotes", d.hint());
    }

    @Test
    void otherWrongTypes() {
        only(LINK + "weight = 1.5\n", "5:10 link[0].weight: expected an integer, found a float");
        only("[balancer]\nmode = true\n" + LINK, "2:8 balancer.mode: expected a string, found a boolean");
        only("balancer = 1\n" + LINK, "1:12 balancer: expected a table, found an integer");
        only("link = \"isp1\"\n", "1:8 link: expected [[link]] tables, found a string");
        only("link = [1]\n", "1:9 link[0]: expected a table, found an integer");
        only(LINK + "check = \"yes\"\n", "5:9 link[0].check: expected a table, found a string");
        only(LINK + "[link.check]\ntargets = \"192.0.2.53\"\n",
                "6:11 link[0].check.targets: expected an array, found a string");
        only(LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\ninterval = 5\n",
                "7:12 link[0].check.interval: expected a string, found an integer");
        only(LINK + "[link.route]\nto = \"192.0.2.0/24\"\n",
                "5:1 link[0].route: expected [[link.route]] tables, found a table");
        Diagnostic element = only(LINK + "[link.check]\ntargets = [\"192.0.2.53\", 7]\n",
                "6:26 link[0].check.targets[1]: expected a string, found an integer");
        assertEquals("write targets = [\"192.0.2.53\"]", element.hint());
    }

    // --- addresses and prefixes ---

    @Test
    void addressWithLeadingZerosSuggestsTheCanonicalSpelling() {
        Diagnostic d = only(LINK.replace("203.0.113.1", "010.1.1.1"),
                "4:11 link[0].gateway: not an IPv4 address: \"010.1.1.1\"");
        assertEquals("write \"10.1.1.1\"; leading zeros are ambiguous, some tools read them as octal", d.hint());
    }

    @Test
    void addressOutOfRange() {
        Diagnostic d = only(LINK.replace("203.0.113.1", "203.0.113.256"),
                "4:11 link[0].gateway: not an IPv4 address: \"203.0.113.256\"");
        assertEquals("write four numbers 0-255 separated by dots, e.g. \"203.0.113.1\"", d.hint());
        only(LINK + "source = \"203.0.113\"\n", "5:10 link[0].source: not an IPv4 address: \"203.0.113\"");
        only(LINK + "[link.check]\ntargets = [\"192.0.2.1\", \"192.0.2\"]\n",
                "6:25 link[0].check.targets[1]: not an IPv4 address: \"192.0.2\"");
    }

    @Test
    void prefixWithHostBitsSuggestsTheNetwork() {
        Diagnostic d = only(LINK + "[[link.route]]\nto = \"198.51.100.1/24\"\n",
                "6:6 link[0].route[0].to: host bits are set in \"198.51.100.1/24\"");
        assertEquals("write \"198.51.100.0/24\"", d.hint());
    }

    @Test
    void badPrefixes() {
        only(LINK + "[[link.route]]\nto = \"198.51.100.0/33\"\n",
                "6:6 link[0].route[0].to: not an IPv4 prefix: \"198.51.100.0/33\"");
        Diagnostic zeros = only(LINK + "[[link.route]]\nto = \"010.0.0.0/8\"\n",
                "6:6 link[0].route[0].to: not an IPv4 prefix: \"010.0.0.0/8\"");
        assertEquals("write \"10.0.0.0/8\"; leading zeros are ambiguous, some tools read them as octal", zeros.hint());
        only(LINK + "[[link.route]]\n", "5:1 link[0].route[0].to: missing required key");
    }

    @Test
    void ipv6IsNotSupportedYetAnywhere() {
        Diagnostic d = only(LINK.replace("203.0.113.1", "2001:db8::1"),
                "4:11 link[0].gateway: IPv6 links are not supported yet");
        assertEquals("write an IPv4 address, e.g. \"203.0.113.1\"", d.hint());
        only(LINK + "[[link.route]]\nto = \"2001:db8::/32\"\n", "6:6 link[0].route[0].to: IPv6 links are not supported yet");
        only(LINK + "[link.check]\ntargets = [\"2001:db8::53\"]\n",
                "6:12 link[0].check.targets[0]: IPv6 links are not supported yet");
    }

    @Test
    void sourceFamilyMustMatchTheGateway() {
        Diagnostic d = only(LINK + "source = \"2001:db8::2\"\n", "5:10 link[0].source: source is IPv6 but gateway is IPv4");
        assertEquals("write this link's own IPv4 address, e.g. \"203.0.113.2\", or leave source out to read it from dev",
                d.hint());
        assertEquals(List.of("4:11 link[0].gateway: IPv6 links are not supported yet",
                        "5:10 link[0].source: IPv6 links are not supported yet"),
                problems(LINK.replace("203.0.113.1", "2001:db8::1") + "source = \"2001:db8::2\"\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0 | the unspecified address",
            "0.7.0.1 | in 0.0.0.0/8, \"this network\", which no host is addressed in",
            "255.255.255.255 | the limited broadcast address",
            "224.0.0.1 | a multicast address, in 224.0.0.0/4",
            "239.255.255.250 | a multicast address, in 224.0.0.0/4",
            "240.0.0.1 | in 240.0.0.0/4, reserved and not routed",
            "127.0.0.1 | a loopback address, in 127.0.0.0/8",
            "127.255.0.9 | a loopback address, in 127.0.0.0/8",
            "169.254.0.1 | a link-local address, in 169.254.0.0/16"})
    void gatewaysAndSourcesAreNeverAddressesNoHostHas(String address, String what) {
        Diagnostic gateway = only(LINK.replace("203.0.113.1", address),
                "4:11 link[0].gateway: \"" + address + "\" is " + what);
        assertEquals("write the address of the ISP's router on this link, e.g. \"203.0.113.1\"", gateway.hint());
        Diagnostic source = only(LINK + "source = \"" + address + "\"\n", "5:10 link[0].source: \"" + address + "\" is " + what);
        assertEquals("write this link's own address, e.g. \"203.0.113.2\", or leave source out to read it from dev",
                source.hint());
    }

    @Test
    void theNeighboursOfTheRefusedRangesAreFine() {
        for (String address : List.of("1.0.0.1", "126.255.255.254", "128.0.0.1", "169.253.255.1", "169.255.0.1",
                "223.255.255.254", "100.64.0.1", "10.77.0.1")) {
            Specs.valid(LINK.replace("203.0.113.1", address) + "source = \"198.18.9.9\"\n");
        }
    }

    @Test
    void aSourceIsNotItsOwnGateway() {
        Diagnostic d = only(LINK + "source = \"203.0.113.1\"\n",
                "5:10 link[0].source: source is the gateway's address, \"203.0.113.1\"");
        assertEquals("write this link's own address, which is not its gateway's, or leave source out to read it from dev",
                d.hint());
    }

    @Test
    void onlinkIsABoolean() {
        Diagnostic quoted = only(LINK + "onlink = \"true\"\n", "5:10 link[0].onlink: expected a boolean, found a string");
        assertEquals("write onlink = true, without quotes", quoted.hint());
        Diagnostic number = only(LINK + "onlink = 1\n", "5:10 link[0].onlink: expected a boolean, found an integer");
        assertEquals("write onlink = true", number.hint());
        assertTrue(Specs.valid(LINK + "onlink = true\n").links().head().onlink());
        assertTrue(!Specs.valid(LINK + "onlink = false\n").links().head().onlink());
    }

    // --- weight and bandwidth ---

    @ParameterizedTest
    @CsvSource({"0", "-1", "257", "99999999999999999999"})
    void weightOutOfRange(String weight) {
        Diagnostic d = only(LINK + "weight = " + weight + "\n", "5:10 link[0].weight: must be 1..256, found " + weight);
        assertEquals("write weight = 5", d.hint());
    }

    @ParameterizedTest
    @CsvSource({"100", "fast", "100mb", "1.2.3mbit", "-5mbit", "10bit", "100 bits", "1e6mbit", "100 mbit/s", "' 100mbit'"})
    void badBandwidth(String bandwidth) {
        Diagnostic d = only(LINK + "bandwidth = \"" + bandwidth + "\"\n",
                "5:13 link[0].bandwidth: not a bandwidth: \"" + bandwidth + "\"");
        assertEquals("write a number and a unit: kbit, mbit, gbit for bits per second, "
                + "or kbps, mbps, gbps for bytes per second, e.g. \"100mbit\"", d.hint());
    }

    @Test
    void zeroBandwidth() {
        Diagnostic d = only(LINK + "bandwidth = \"0mbit\"\n", "5:13 link[0].bandwidth: must be more than 0, found \"0mbit\"");
        assertEquals("write the link's real rate, e.g. \"100mbit\"", d.hint());
        only(LINK + "bandwidth = \"0.000 GBPS\"\n", "5:13 link[0].bandwidth: must be more than 0, found \"0.000 GBPS\"");
    }

    @Test
    void bandwidthDecimalsMustComeToWholeBits() {
        Diagnostic d = only(LINK + "bandwidth = \"1.0005kbit\"\n",
                "5:13 link[0].bandwidth: not a whole number of bits per second: \"1.0005kbit\"");
        assertEquals("write bandwidth = \"1.001kbit\"", d.hint());
        assertEquals(List.of(5, 2), Specs.valid(LINK + "bandwidth = \"2.5 Mbit\"\n" + SECOND + "bandwidth = \"1000kbit\"\n")
                .links().map(Link::weight));
    }

    @Test
    void weightAndBandwidthTogether() {
        Diagnostic d = only(LINK + "weight = 5\nbandwidth = \"10mbit\"\n",
                "6:1 link[0].bandwidth: give either weight or bandwidth, not both");
        assertEquals("remove weight or bandwidth", d.hint());
    }

    @Test
    void weightAndBandwidthMixedAcrossLinks() {
        Diagnostic d = only(LINK + "bandwidth = \"10mbit\"\n" + SECOND + "weight = 2\n",
                "10:1 link[1].weight: weight and bandwidth are mixed: link \"isp1\" uses bandwidth");
        assertEquals("pick one: give every link a weight, or every link a bandwidth", d.hint());
        only(LINK + SECOND + "bandwidth = \"10mbit\"\n",
                "1:1 link[0].bandwidth: missing bandwidth: link \"isp2\" uses bandwidth, so every link needs one");
    }

    // --- duplicates ---

    @Test
    void duplicateLinkNames() {
        Diagnostic d = only(LINK + SECOND.replace("isp2", "isp1"),
                "6:8 link[1].name: duplicate link name \"isp1\", first used by link[0] on line 2");
        assertEquals("give each link its own name", d.hint());
    }

    @Test
    void duplicateDevs() {
        only(LINK + SECOND.replace("eth2", "eth1"), "7:7 link[1].dev: duplicate dev \"eth1\", first used by link[0] on line 3");
    }

    @Test
    void duplicateSources() {
        Diagnostic d = only(LINK + "source = \"203.0.113.2\"\n" + SECOND + "source = \"203.0.113.2\"\n",
                "10:10 link[1].source: duplicate source \"203.0.113.2\", first used by link[0] on line 5");
        assertEquals("give each link its own address, or leave source out to read it from dev", d.hint());
    }

    @Test
    void duplicateTables() {
        Diagnostic d = only(LINK + "table = 101\n" + SECOND + "table = 101\n",
                "10:9 link[1].table: duplicate table 101, first used by link[0] on line 5");
        assertEquals("give each link its own table, or leave table out to have one assigned", d.hint());
    }

    @Test
    void linkTableEqualToTheBalancingTable() {
        only(LINK + "table = 200\n", "5:9 link[0].table: table 200 is balancer.table_base, the balancing table");
        only("[balancer]\ntable_base = 300\n" + LINK + "table = 300\n",
                "7:9 link[0].table: table 300 is balancer.table_base, the balancing table");
    }

    @Test
    void aPinnedDefaultRouteWouldCollideWithTheBalancingOne() {
        Diagnostic d = only(LINK + "[[link.route]]\nto = \"default\"\n",
                "6:6 link[0].route[0].to: a pinned default route would collide with the balancing default route");
        assertEquals("leave this [[link.route]] out: everything not pinned is balanced already", d.hint());
        only(LINK + "[[link.route]]\nto = \"0.0.0.0/0\"\n",
                "6:6 link[0].route[0].to: a pinned default route would collide with the balancing default route");
        Specs.valid(LINK + "[[link.route]]\nto = \"0.0.0.0/1\"\n[[link.route]]\nto = \"128.0.0.0/1\"\n");
    }

    @Test
    void duplicatePins() {
        only(LINK + "[[link.route]]\nto = \"192.0.2.0/24\"\n" + SECOND + "[[link.route]]\nto = \"192.0.2.0/24\"\n",
                "12:6 link[1].route[0].to: duplicate route \"192.0.2.0/24\", first used by link[0] on line 6");
    }

    // --- tables ---

    @ParameterizedTest
    @CsvSource({"0, unspec", "253, default", "254, main", "255, local"})
    void reservedTables(int table, String name) {
        Diagnostic d = only(LINK + "table = " + table + "\n",
                "5:9 link[0].table: table " + table + " is reserved for \"" + name + "\"");
        assertEquals("use a number from 1 to 252 or above 255, e.g. table = 101", d.hint());
        only("[balancer]\ntable_base = " + table + "\n" + LINK,
                "2:14 balancer.table_base: table " + table + " is reserved for \"" + name + "\"");
    }

    @ParameterizedTest
    @CsvSource({"2147483648", "-1", "4294967295"})
    void tablesOutOfRange(String table) {
        only(LINK + "table = " + table + "\n", "5:9 link[0].table: must be 1..2147483647, found " + table);
    }

    @Test
    void assignedTablesSkipReservedOnesAndStopAtTheTop() {
        Spec spec = SpecParser.parse("[balancer]\ntable_base = 252\n" + LINK, "spec.toml").get();
        assertEquals(256, Tables.assign(spec.balancer(), spec.links()).get("isp1").get().intValue(),
                "253..255 are the kernel's: the first link after 252 gets 256");
        only("[balancer]\ntable_base = 2147483647\n" + LINK,
                "3:1 link[0].table: would be assigned table 2147483648, above the highest table 2147483647");
    }

    // --- [balancer] ---

    @ParameterizedTest
    @CsvSource({"0, 99", "-5, 94", "32667, 32766", "32700, 32799", "40000, 40099"})
    void priorityBaseMustKeepTheOwnedRangeAwayFromTheKernelsRules(int base, int last) {
        Diagnostic d = only("[balancer]\npriority_base = " + base + "\n" + LINK,
                "2:17 balancer.priority_base: owned rule priorities " + base + ".." + last + " must lie within 1..32765");
        assertEquals("use priority_base = 10000; 0, 32766 and 32767 are the kernel's local, main and default rules",
                d.hint());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "idle_timer | \"1500ms\" | must be a whole number of seconds, found \"1500ms\" | the kernel counts idle_timer in seconds: write idle_timer = \"2s\"",
            "idle_timer | \"3601s\" | must be 0s..60m, found \"3601s\" | write idle_timer = \"120s\"",
            "idle_timer | 120 | expected a string, found an integer | write idle_timer = \"120s\"",
            "unbalanced_timer | \"61m\" | must be 0s..60m, found \"61m\" | write unbalanced_timer = \"0s\"",
            "unbalanced_timer | \"-1s\" | not a duration: \"-1s\" | write a whole number and ms, s or m, e.g. \"500ms\" or \"2s\"",
            "unbalanced_timer | \"10ms\" | must be a whole number of seconds, found \"10ms\" | the kernel counts unbalanced_timer in seconds: write unbalanced_timer = \"0s\""})
    void groupTimersAreWholeSecondsUpToAnHour(String key, String value, String message, String hint) {
        Diagnostic d = only("[balancer]\n" + key + " = " + value + "\n" + LINK,
                "2:" + (key.length() + 4) + " balancer." + key + ": " + message);
        assertEquals(hint, d.hint());
    }

    @Test
    void unknownWordsForModeHashAndLastResort() {
        Diagnostic mode = only("[balancer]\nmode = \"rout\"\n" + LINK,
                "2:8 balancer.mode: must be \"route\" or \"connmark\", found \"rout\"");
        assertEquals("write mode = \"route\"", mode.hint());
        only("[balancer]\nhash = \"l5\"\n" + LINK, "2:8 balancer.hash: must be \"l4\" or \"l3\" or \"source\", found \"l5\"");
        Diagnostic lastResort = only("[balancer]\nlast_resort = \"drop\"\n" + LINK,
                "2:15 balancer.last_resort: must be \"keep\" or \"main\" or \"unreachable\", found \"drop\"");
        assertEquals("write last_resort = \"keep\"", lastResort.hint());
        assertEquals("write last_resort = \"main\"", only("[balancer]\nlast_resort = \"man\"\n" + LINK,
                "2:15 balancer.last_resort: must be \"keep\" or \"main\" or \"unreachable\", found \"man\"").hint());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 | iproute2's \"unspec\": the kernel reads it as no protocol at all",
            "2 | iproute2's \"kernel\": routes the kernel adds itself carry it",
            "4 | iproute2's \"static\": routes an administrator or a network manager adds carry it",
            "16 | iproute2's \"dhcp\": a DHCP client's routes carry it",
            "17 | the kernel's \"mrouted\": the multicast routing daemon's routes carry it",
            "42 | iproute2's \"babel\": the Babel routing daemon's routes carry it",
            "186 | iproute2's \"bgp\": a BGP daemon's routes carry it",
            "196 | FRR's \"zstatic\": FRR's static routes carry it"})
    void protocolsSomeoneElseNames(int protocol, String why) {
        Diagnostic d = only("[balancer]\nprotocol = " + protocol + "\n" + LINK,
                "2:12 balancer.protocol: protocol " + protocol + " is " + why);
        assertEquals("use protocol = 250, or another number from 5 to 255 that no routing daemon on this host uses",
                d.hint());
    }

    /** Every number iproute2, FRR or the kernel names (src/test/resources/spec/rt_protos) is refused, by that name. */
    @Test
    void everyNamedProtocolIsRefusedByItsName() throws java.io.IOException {
        String names = new String(DiagnosticsTest.class.getResourceAsStream("/spec/rt_protos").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String[]> entries = List.of(names.split("\n")).map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty()).map(l -> l.split("\\s+"));
        assertEquals(31, entries.size());
        for (String[] entry : entries) {
            List<Diagnostic> all = Specs.diagnostics("[balancer]\nprotocol = " + entry[0] + "\n" + LINK);
            assertEquals(1, all.size(), all::toString);
            Diagnostic d = all.head();
            assertEquals("balancer.protocol", d.keyPath());
            assertTrue(d.message().startsWith("protocol " + entry[0] + " is ")
                    && d.message().contains(" \"" + entry[1] + "\": "), d::toString);
        }
        assertEquals(entries.size(), RouteProtocols.NAMED.size(), "and nothing else is");
    }

    @Test
    void numbersNobodyNamesAreFine() {
        for (int p : new int[]{5, 6, 7, 19, 41, 43, 98, 100, 185, 199, 250, 255}) {
            assertEquals(p, Specs.valid("[balancer]\nprotocol = " + p + "\n" + LINK).balancer().protocol());
        }
    }

    @ParameterizedTest
    @CsvSource({"256", "-1", "1000"})
    void protocolOutOfRange(String protocol) {
        only("[balancer]\nprotocol = " + protocol + "\n" + LINK, "2:12 balancer.protocol: must be 5..255, found " + protocol);
    }

    // --- names ---

    @Test
    void linkNamesMustBeSafeTokens() {
        Diagnostic d = only(LINK.replace("\"isp1\"", "\"ISP 1\""), "2:8 link[0].name: not a valid link name: \"ISP 1\"");
        assertEquals("use 1-15 characters from a-z, 0-9, _ and -, starting with a letter or digit, e.g. \"isp-1\"",
                d.hint());
        only(LINK.replace("\"isp1\"", "\"a-very-long-name1\""),
                "2:8 link[0].name: not a valid link name: \"a-very-long-name1\"");
        only(LINK.replace("\"isp1\"", "\"-x\""), "2:8 link[0].name: not a valid link name: \"-x\"");
        only(LINK.replace("\"isp1\"", "\"a;rm -rf\""), "2:8 link[0].name: not a valid link name: \"a;rm -rf\"");
        only(LINK.replace("\"isp1\"", "\"\\u001b[31m\""), "2:8 link[0].name: not a valid link name: \"\\u001b[31m\"");
    }

    @Test
    void devsMustBeInterfaceNames() {
        Diagnostic d = only(LINK.replace("\"eth1\"", "\"eth 1\""), "3:7 link[0].dev: not a valid interface name: \"eth 1\"");
        assertEquals("use 1-15 characters from A-Z, a-z, 0-9, _, . and -, not starting with . or -, e.g. \"eth1\"",
                d.hint());
        only(LINK.replace("\"eth1\"", "\"enp0s31f6.100-xx\""),
                "3:7 link[0].dev: not a valid interface name: \"enp0s31f6.100-xx\"");
        only(LINK.replace("\"eth1\"", "\"..\""), "3:7 link[0].dev: not a valid interface name: \"..\"");
        only(LINK.replace("\"eth1\"", "\"\""), "3:7 link[0].dev: not a valid interface name: \"\"");
    }

    // --- links ---

    @Test
    void atLeastOneLinkIsRequired() {
        Diagnostic d = only("", "0:0 link: at least one [[link]] is required");
        assertEquals("add a [[link]] table with name, dev and gateway", d.hint());
        only("[balancer]\nmode = \"route\"\n", "0:0 link: at least one [[link]] is required");
        only("link = []\n", "1:8 link: at least one [[link]] is required");
    }

    @Test
    void missingKeysPointAtTheTableHeader() {
        Diagnostic d = only("# links\n\n[[link]]\nname = \"isp1\"\ndev = \"eth1\"\n", "3:1 link[0].gateway: missing required key");
        assertEquals("add gateway = \"203.0.113.1\" to this [[link]]", d.hint());
        assertEquals(List.of("1:1 link[0].dev: missing required key", "1:1 link[0].gateway: missing required key",
                "1:1 link[0].name: missing required key"), problems("[[link]]\n").sorted());
    }

    // --- [link.check] ---

    @Test
    void checkNeedsTargets() {
        Diagnostic missing = only(LINK + "[link.check]\ninterval = \"2s\"\n", "5:1 link[0].check.targets: missing required key");
        assertEquals("add targets = [\"192.0.2.53\"] to this [link.check]", missing.hint());
        Diagnostic empty = only(LINK + "[link.check]\ntargets = []\n", "6:11 link[0].check.targets: at least one target is required");
        assertEquals("write targets = [\"192.0.2.53\"], or remove [link.check] to not probe this link", empty.hint());
    }

    @ParameterizedTest
    @CsvSource({"1 sec", "1h", "1.5s", "s", "-1s", "1S"})
    void badIntervals(String interval) {
        Diagnostic d = only(LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\ninterval = \"" + interval + "\"\n",
                "7:12 link[0].check.interval: not a duration: \"" + interval + "\"");
        assertEquals("write a whole number and ms, s or m, e.g. \"500ms\" or \"2s\"", d.hint());
    }

    @ParameterizedTest
    @CsvSource({"99ms", "0s", "61m", "3601s"})
    void intervalsOutOfRange(String interval) {
        only(LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\ninterval = \"" + interval + "\"\n",
                "7:12 link[0].check.interval: must be 100ms..60m, found \"" + interval + "\"");
    }

    @Test
    void downAndUpCounts() {
        only(LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\ndown = 0\n", "7:8 link[0].check.down: must be 1..100, found 0");
        only(LINK + "[link.check]\ntargets = [\"192.0.2.53\"]\nup = 101\n", "7:6 link[0].check.up: must be 1..100, found 101");
    }

    // --- all at once ---

    @Test
    void reportsEveryProblemInOneSpecSortedByPosition() {
        String text = """
                [balancer]
                mode = "connmrk"
                priority_base = 32700

                [[link]]
                name = "isp1"
                dev = "eth1"
                gatway = "203.0.113.1"
                weight = 300
                [link.check]
                targets = ["192.0.2.530"]

                [[link]]
                name = "isp1"
                dev = "eth2"
                gateway = "2001:db8::1"
                table = 254
                [[link.route]]
                to = "198.51.100.1/24"
                """;
        assertEquals(List.of(
                "2:8 balancer.mode: must be \"route\" or \"connmark\", found \"connmrk\"",
                "3:17 balancer.priority_base: owned rule priorities 32700..32799 must lie within 1..32765",
                "5:1 link[0].gateway: missing required key",
                "8:1 link[0].gatway: unknown key (did you mean \"gateway\"?)",
                "9:10 link[0].weight: must be 1..256, found 300",
                "11:12 link[0].check.targets[0]: not an IPv4 address: \"192.0.2.530\"",
                "14:8 link[1].name: duplicate link name \"isp1\", first used by link[0] on line 6",
                "16:11 link[1].gateway: IPv6 links are not supported yet",
                "17:9 link[1].table: table 254 is reserved for \"main\"",
                "19:6 link[1].route[0].to: host bits are set in \"198.51.100.1/24\""),
                problems(text));
    }

    @Test
    void rendersAsFileLineColumnPathMessageAndHint() {
        assertEquals("spec.toml:4:1: link[0].gatway: unknown key (did you mean \"gateway\"?) "
                        + "(valid keys here: name, dev, gateway, onlink, weight, bandwidth, table, source, route, check, nat, mark)",
                Specs.diagnostics(LINK.replace("gateway =", "gatway =")).last().toString());
    }
}
