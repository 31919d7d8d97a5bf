package mlb.spec;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static mlb.spec.Specs.LINK;
import static mlb.spec.Specs.only;
import static mlb.spec.Specs.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** [monitor] and [[hook]], as in DiagnosticsTest. The hooks follow a valid link, from line 5 on. */
class MonitorDiagnosticsTest {
    private static final String HOOK = LINK + "[[hook]]\n";

    // --- [monitor] ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"61m | must be 0s..60m, found \"61m\"",
            "3601s | must be 0s..60m, found \"3601s\"", "2h | not a duration: \"2h\"", "-1s | not a duration: \"-1s\""})
    void conntrackGraceIsAtMostAnHour(String grace, String message) {
        only("[monitor]\nconntrack_grace = \"" + grace + "\"\n" + LINK, "2:19 monitor.conntrack_grace: " + message);
    }

    @Test
    void conntrackGraceHint() {
        Diagnostic d = only("[monitor]\nconntrack_grace = \"90m\"\n" + LINK,
                "2:19 monitor.conntrack_grace: must be 0s..60m, found \"90m\"");
        assertEquals("write conntrack_grace = \"20s\"", d.hint());
    }

    @Test
    void monitorIsATableWithKnownKeys() {
        Diagnostic d = only("monitor = 5\n" + LINK, "1:11 monitor: expected a table, found an integer");
        assertEquals("write [monitor] on a line of its own, then its keys below it", d.hint());
        Diagnostic key = only("[monitor]\nconntrack_grce = \"5s\"\n" + LINK,
                "2:1 monitor.conntrack_grce: unknown key (did you mean \"conntrack_grace\"?)");
        assertEquals("valid keys here: conntrack_grace", key.hint());
        only("[monitr]\n" + LINK, "1:1 monitr: unknown key (did you mean \"monitor\"?)");
    }

    // --- [[hook]] argv ---

    @Test
    void hooksAreArraysOfTables() {
        Diagnostic d = only("hook = { argv = [\"/bin/true\"] }\n" + LINK, "1:8 hook: expected [[hook]] tables, found a table");
        assertEquals("write [[hook]], with double brackets, above each hook's keys", d.hint());
        only("hook = [1]\n" + LINK, "1:9 hook[0]: expected a table, found an integer");
        only(HOOK + "argv = [\"/bin/true\"]\nevents = [\"up\"]\ncommand = \"x\"\n",
                "8:1 hook[0].command: unknown key");
    }

    @Test
    void argvIsRequiredAndNotEmpty() {
        Diagnostic missing = only(HOOK + "events = [\"up\"]\n", "5:1 hook[0].argv: missing required key");
        assertEquals("add argv = [\"/usr/local/bin/mlb-notify\", \"--to\", \"ops\"] to this [[hook]]", missing.hint());
        Diagnostic empty = only(HOOK + "argv = []\n", "6:8 hook[0].argv: the program to run is required");
        assertEquals("write argv = [\"/usr/local/bin/mlb-notify\", \"--to\", \"ops\"]", empty.hint());
        only(HOOK + "argv = \"/bin/true --x\"\n", "6:8 hook[0].argv: expected an array, found a string");
        Diagnostic element = only(HOOK + "argv = [\"/bin/echo\", 5]\n", "6:22 hook[0].argv[1]: expected a string, found an integer");
        assertEquals("write argv = [\"/usr/local/bin/mlb-notify\"]", element.hint());
    }

    @Test
    void theProgramIsAnAbsolutePath() {
        Diagnostic d = only(HOOK + "argv = [\"notify-send\", \"down\"]\n",
                "6:9 hook[0].argv[0]: not an absolute path: \"notify-send\"");
        assertEquals("write the program's full path, e.g. \"/usr/local/bin/notify-send\"; hooks do not search PATH",
                d.hint());
        Diagnostic relative = only(HOOK + "argv = [\"./bin/x y\"]\n", "6:9 hook[0].argv[0]: not an absolute path: \"./bin/x y\"");
        assertEquals("write the program's full path, e.g. \"/usr/local/bin/mlb-notify\"; hooks do not search PATH",
                relative.hint());
        only(HOOK + "argv = [\"\"]\n", "6:9 hook[0].argv[0]: not an absolute path: \"\"");
        only(HOOK + "argv = [\"/bin/echo\", \"relative is fine here\", \"\"]\n" + "timeout = \"0s\"\n",
                "7:11 hook[0].timeout: must be 1s..5m, found \"0s\"");
    }

    @Test
    void noArgumentHoldsNul() {
        Diagnostic d = only(HOOK + "argv = [\"/bin/echo\", \"a\\u0000b\"]\n", "6:22 hook[0].argv[1]: contains a NUL character");
        assertEquals("remove it: a program's arguments cannot hold NUL", d.hint());
        only(HOOK + "argv = [\"/bin/e\\u0000cho\"]\n", "6:9 hook[0].argv[0]: contains a NUL character");
    }

    // --- events, links, timeout ---

    @Test
    void eventsAreKnownWordsOnce() {
        assertEquals(List.of(
                        "7:19 hook[0].events[1]: must be \"down\" or \"up\" or \"degraded\" or \"all_down\", found \"dwon\"",
                        "7:27 hook[0].events[2]: duplicate event \"down\"",
                        "7:35 hook[0].events[3]: must be \"down\" or \"up\" or \"degraded\" or \"all_down\", found \"ALL_DOWN\""),
                problems(HOOK + "argv = [\"/bin/true\"]\nevents = [\"down\", \"dwon\", \"down\", \"ALL_DOWN\"]\n"));
    }

    @Test
    void eventHints() {
        String hook = HOOK + "argv = [\"/bin/true\"]\n";
        assertEquals("write \"down\" instead", only(hook + "events = [\"dwon\"]\n",
                "7:11 hook[0].events[0]: must be \"down\" or \"up\" or \"degraded\" or \"all_down\", found \"dwon\"").hint());
        assertEquals("write \"all_down\" instead", only(hook + "events = [\"ALL_DOWN\"]\n",
                "7:11 hook[0].events[0]: must be \"down\" or \"up\" or \"degraded\" or \"all_down\", found \"ALL_DOWN\"").hint());
        assertEquals("list each event once", only(hook + "events = [\"up\", \"up\"]\n",
                "7:17 hook[0].events[1]: duplicate event \"up\"").hint());
        Diagnostic empty = only(hook + "events = []\n", "7:10 hook[0].events: at least one event is required");
        assertEquals("write events = [\"down\"], or leave events out to run on every event", empty.hint());
        only(hook + "events = \"down\"\n", "7:10 hook[0].events: expected an array, found a string");
    }

    @Test
    void linksAreNamesOfLinksInThisSpec() {
        String hook = HOOK + "argv = [\"/bin/true\"]\n";
        Diagnostic d = only(LINK + "[[link]]\nname = \"backup\"\ndev = \"eth2\"\ngateway = \"198.18.0.1\"\n"
                        + "[[hook]]\nargv = [\"/bin/true\"]\nlinks = [\"isp1\", \"isp3\"]\n",
                "11:18 hook[0].links[1]: no [[link]] is named \"isp3\" (did you mean \"isp1\"?)");
        assertEquals("write one of the links in this spec: \"isp1\", \"backup\"", d.hint());
        only(hook + "links = [\"lte\"]\n", "7:10 hook[0].links[0]: no [[link]] is named \"lte\"");
        assertEquals("list each link once", only(hook + "links = [\"isp1\", \"isp1\"]\n",
                "7:18 hook[0].links[1]: duplicate link \"isp1\"").hint());
        Diagnostic empty = only(hook + "links = []\n", "7:9 hook[0].links: at least one link name is required");
        assertEquals("write links = [\"isp1\"], or leave links out to run for every link", empty.hint());
    }

    @Test
    void aLinkWithABadNameDoesNotMakeHooksWrongToo() {
        only(LINK.replace("\"isp1\"", "\"ISP 1\"") + "[[hook]]\nargv = [\"/bin/true\"]\nlinks = [\"isp1\"]\n",
                "2:8 link[0].name: not a valid link name: \"ISP 1\"");
    }

    @ParameterizedTest
    @CsvSource({"999ms", "301s", "6m", "0s"})
    void hookTimeoutIsOneSecondToFiveMinutes(String timeout) {
        Diagnostic d = only(HOOK + "argv = [\"/bin/true\"]\ntimeout = \"" + timeout + "\"\n",
                "7:11 hook[0].timeout: must be 1s..5m, found \"" + timeout + "\"");
        assertEquals("write timeout = \"10s\"", d.hint());
    }
}
