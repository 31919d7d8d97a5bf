package mlb.kernel.ip;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.kernel.Devices;
import mlb.kernel.KernelError;
import mlb.kernel.Traffic;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The target's interfaces and nexthop support, as iproute2 and /proc report them. */
public final class IpDevices implements Devices {
    private final Runner runner;
    private final Target target;

    public IpDevices(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    @Override
    public Option<String> ipv4Address(String dev) {
        Runner.Result r = runner.run(target.ip("-j", "-4", "addr", "show", "dev", dev));
        if (!r.ok() && isMissingDevice(r)) return Option.none();
        if (!r.ok()) throw KernelError.from("reading the addresses of " + dev, r.stderr());
        for (JsonNode link : IpJson.tree(r.stdout())) {
            for (JsonNode a : link.path("addr_info")) {
                if ("global".equals(a.path("scope").asText())) return Option.some(a.path("local").asText());
            }
        }
        return Option.none();
    }

    @Override
    public boolean exists(String dev) {
        Runner.Result r = runner.run(target.ip("-j", "link", "show", "dev", dev));
        if (r.ok() || isMissingDevice(r)) return r.ok();
        // Not "no such device" but, say, no permission to enter the namespace: say that, not "missing device".
        throw KernelError.from("reading device " + dev, r.stderr());
    }

    @Override
    public Option<Traffic> traffic(String dev) {
        Runner.Result r = runner.run(target.ip("-s", "-j", "link", "show", "dev", dev));
        if (!r.ok() && isMissingDevice(r)) return Option.none();
        if (!r.ok()) throw KernelError.from("reading the counters of " + dev, r.stderr());
        for (JsonNode link : IpJson.tree(r.stdout())) {
            JsonNode s = link.path("stats64");
            return Option.some(new Traffic(s.path("rx").path("bytes").asLong(), s.path("tx").path("bytes").asLong(),
                    s.path("rx").path("packets").asLong(), s.path("tx").path("packets").asLong()));
        }
        return Option.none();
    }

    private static boolean isMissingDevice(Runner.Result r) {
        return r.stderr().contains("does not exist");
    }

    /** Resilient groups came with Linux 5.13 and iproute2 5.13; older tools reject `type resilient`. */
    @Override
    public boolean resilientGroups() {
        Runner.Result r = runner.run(List.of("cat", "/proc/sys/kernel/osrelease").asJava());
        return r.ok() && versionAtLeast(r.stdout().strip(), 5, 13) && versionAtLeast(ipVersion(), 5, 13);
    }

    private String ipVersion() {
        Runner.Result r = runner.run(List.of("ip", "-V").asJava());
        Matcher m = Pattern.compile("iproute2-v?(\\d+\\.\\d+)").matcher(r.stdout() + r.stderr());
        return m.find() ? m.group(1) : "0.0";
    }

    static boolean versionAtLeast(String version, int major, int minor) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) return false;
        int ma = Integer.parseInt(m.group(1));
        return ma > major || ma == major && Integer.parseInt(m.group(2)) >= minor;
    }
}
