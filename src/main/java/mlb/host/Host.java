package mlb.host;

import io.vavr.collection.List;
import mlb.kernel.Kernel;
import mlb.kernel.ip.IpDevices;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.nft.NftDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import mlb.proc.Target;

/** The real kernel of a target: its drivers (/proc/sys, iproute2, nftables) and its devices, through real tools. */
public final class Host {
    private Host() {
    }

    public static Kernel kernel(Target target) {
        Runner runner = new SystemRunner();
        return kernel(runner, target, new NftDriver(runner, target));
    }

    /** For a process that stays (the monitor): nftables through libnftables in it, where it runs in the target. */
    public static Kernel resident(Target target) {
        Runner runner = new SystemRunner();
        return kernel(runner, target, NftDriver.resident(runner, target));
    }

    private static Kernel kernel(Runner runner, Target target, NftDriver nft) {
        return new Kernel(List.of(new SysctlDriver(runner, target), new IpDriver(runner, target), nft), new IpDevices(runner, target));
    }
}
