package mlb.init;

import io.vavr.control.Option;
import mlb.kernel.KernelError;
import mlb.proc.Runner;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real reader with a runner that answers as the tools would: what it runs, and how it takes the answers. */
class SystemLinksTest {
    private final List<List<String>> ran = new ArrayList<>();

    private SystemLinks answering(int code, String out, String err) {
        return new SystemLinks((argv, stdin) -> {
            ran.add(argv);
            return new Runner.Result(code, out, err);
        }, Target.netns("mlbt-x"));
    }

    @Test
    void theSpeedIsReadInsideTheNamespace() {
        assertEquals(Option.some(1000), answering(0, "1000\n", "").speed("wan1"));
        assertEquals(List.of(List.of("ip", "netns", "exec", "mlbt-x", "cat", "/sys/class/net/wan1/speed")), ran);
    }

    @Test
    void aSpeedTheDriverDoesNotKnowIsNone() {
        assertEquals(Option.none(), answering(0, "-1\n", "").speed("veth0"));
        assertEquals(Option.none(), answering(0, "4294967295\n", "").speed("wwan0"));
        assertEquals(Option.none(), answering(0, "0\n", "").speed("x"));
        assertEquals(Option.none(), answering(1, "", "cat: /sys/class/net/lo/speed: Invalid argument\n").speed("lo"));
    }

    @Test
    void routesAreEveryIpv4TableOfTheNamespace() {
        SystemLinks links = answering(0, "[{\"dst\":\"default\",\"gateway\":\"198.18.1.1\",\"dev\":\"wan1\",\"flags\":[]}]", "");
        assertEquals(io.vavr.collection.List.of(new GatewayRoute("wan1", "default", Option.some("198.18.1.1"), "main", 0)),
                links.routes());
        assertEquals(List.of(List.of("ip", "-n", "mlbt-x", "-4", "-j", "route", "show", "table", "all")), ran);
    }

    @Test
    void aNamespaceThatIsNotThereIsAKernelError() {
        KernelError e = assertThrows(KernelError.class, () -> answering(1, "",
                "Cannot open network namespace \"mlbt-x\": No such file or directory\n").routes());
        assertEquals("reading the routes: Cannot open network namespace \"mlbt-x\": No such file or directory "
                + "(does the network namespace exist? ip netns list)", e.getMessage());
    }
}
