package mlb.init;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import mlb.kernel.KernelError;
import mlb.kernel.ip.IpDevices;
import mlb.model.Device;
import mlb.proc.Runner;
import mlb.proc.Target;

/** A target's links through iproute2 and /sys (read inside the target's namespace). */
public final class SystemLinks implements HostLinks {
    /** Above 1 Tb/s is a driver's "unknown" (some say 65535 or 4294967295), not a rate. */
    private static final long MAX_SPEED = 1_000_000;
    private final Runner runner;
    private final Target target;

    public SystemLinks(Runner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    @Override
    public Map<String, Device> devices() {
        return new IpDevices(runner, target).all();
    }

    @Override
    public List<GatewayRoute> routes() {
        Runner.Result r = runner.run(target.ip("-4", "-j", "route", "show", "table", "all"));
        if (!r.ok()) throw KernelError.from("reading the routes", r.stderr());
        return RouteJson.routes(r.stdout());
    }

    /** /sys/class/net/DEV/speed: -1 or an error (EINVAL) when unknown, as on a device without carrier. */
    @Override
    public Option<Integer> speed(String dev) {
        Runner.Result r = runner.run(target.exec("cat", "/sys/class/net/" + dev + "/speed"));
        if (!r.ok()) return Option.none();
        try {
            long mbps = Long.parseLong(r.stdout().strip());
            return mbps > 0 && mbps <= MAX_SPEED ? Option.some((int) mbps) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }
}
