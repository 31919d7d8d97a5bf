package mlb.kernel.ip;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import mlb.kernel.Devices;
import mlb.kernel.KernelError;
import mlb.kernel.Traffic;
import mlb.model.Device;
import mlb.proc.Runner;
import mlb.proc.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The target's interfaces and nexthop support, as iproute2 and /proc report them. */
public final class IpDevices implements Devices {
    private final Runner runner;
    private final Target target;
    private final Supplier<String> kernelRelease;
    private Boolean resilient;

    /** The kernel release is the host's: every namespace runs on the same kernel. */
    public IpDevices(Runner runner, Target target) {
        this(runner, target, IpDevices::hostRelease);
    }

    /** With the kernel release told (recorded kernels: the golden cases). */
    public IpDevices(Runner runner, Target target, Supplier<String> kernelRelease) {
        this.runner = runner;
        this.target = target;
        this.kernelRelease = kernelRelease;
    }

    private static String hostRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** `ip -j addr show`: every device with its flags and addresses (without -4, which leaves out devices without one). */
    @Override
    public Map<String, Device> all() {
        Runner.Result r = runner.run(target.ip("-j", "addr", "show"));
        if (!r.ok()) throw KernelError.from("reading the devices", r.stderr());
        Map<String, Device> out = TreeMap.empty();
        for (JsonNode link : IpJson.tree(r.stdout())) {
            Device d = device(link);
            out = out.put(d.name(), d);
        }
        return out;
    }

    static Device device(JsonNode link) {
        java.util.Set<String> flags = new java.util.HashSet<>();
        link.path("flags").forEach(f -> flags.add(f.asText()));
        List<Device.Address> addresses = List.empty();
        for (JsonNode a : link.path("addr_info")) {
            if ("inet".equals(a.path("family").asText()) && "global".equals(a.path("scope").asText())) {
                String local = a.path("local").asText();
                Option<String> peer = Option.of(a.path("address").asText(null)).filter(p -> !p.equals(local));
                addresses = addresses.append(new Device.Address(local, a.path("prefixlen").asInt(32), peer));
            }
        }
        return new Device(link.path("ifname").asText(), flags.contains("UP"), flags.contains("LOWER_UP"), addresses);
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

    /** CAP_NET_ADMIN (bit 12) in the effective set of /proc/self/status; unknown counts as permitted. */
    @Override
    public boolean mayChangeRouting() {
        try {
            return Capabilities.effectiveHas(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")), 12);
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    /** Resilient groups came with Linux 5.13 and iproute2 5.13; older tools reject `type resilient`. */
    @Override
    public synchronized boolean resilientGroups() {
        // neither the kernel nor its tools change under a running mlb: asked once per kernel (per run)
        if (resilient == null) resilient = versionAtLeast(kernelRelease.get(), 5, 13) && versionAtLeast(ipVersion(), 5, 13);
        return resilient;
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
