package mlb.lab;

import mlb.proc.Runner;
import mlb.proc.SystemRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds, cuts, heals and removes a lab in network namespaces. Every command targets a namespace of the lab. */
public final class Lab {
    private final Runner runner;
    private final Topology topology;

    public Lab(Runner runner, Topology topology) {
        this.runner = runner;
        this.topology = topology;
    }

    public Topology topology() {
        return topology;
    }

    /** Builds the whole lab; on any failure removes what was built and throws. */
    public void up(boolean mainDefault, Consumer<String> progress) {
        List<String> leftovers = existing(runner, topology.prefix());
        if (!leftovers.isEmpty()) {
            throw new LabException(LabException.FAILED, "a lab with prefix '" + topology.prefix() + "' exists ("
                    + String.join(", ", leftovers) + "); run `mlb lab down --prefix " + topology.prefix()
                    + "` first or choose another --prefix");
        }
        try {
            for (Step s : new TopologyScript(topology, mainDefault).up()) run(s);
        } catch (RuntimeException e) {
            progress.accept("building failed, removing what was built");
            down(runner, topology.prefix());
            throw e;
        }
    }

    public void cut(Isp isp) {
        requireIsp(isp);
        run(new TopologyScript(topology, false).cut(isp));
    }

    /**
     * The ISP's end of the router's line goes down (up: comes back): the router's device loses (regains) its
     * carrier, the failure the kernel does see, unlike a cut beyond the ISP. On a campus all links share one
     * wire, whose carrier a macvlan follows, so the link's own macvlan is set down instead: the kernel reports
     * the device down (and removes its routes), which mlb monitor takes as a lost carrier.
     */
    public void carrier(Isp isp, boolean up) {
        requireIsp(isp);
        String state = up ? "up" : "down";
        run(isp.campus() ? Step.ip(topology.routerNs(), "link", "set", isp.name(), state)
                : Step.ip(topology.ispNs(isp), "link", "set", Topology.ISP_ROUTER_DEV, state));
    }

    /** The ISP's line loses percent of its packets at random (both ways), until lossless(). */
    public void lossy(Isp isp, int percent) {
        requireIsp(isp);
        run(new TopologyScript(topology, false).lossy(isp, percent));
    }

    public void lossless(Isp isp) {
        requireIsp(isp);
        run(new TopologyScript(topology, false).lossless(isp));
    }

    /** The ISP's upstream answers every packet with ICMP host unreachable, until heal(). */
    public void cutUnreachable(Isp isp) {
        requireIsp(isp);
        run(new TopologyScript(topology, false).cutUnreachable(isp));
    }

    public void heal(Isp isp) {
        requireIsp(isp);
        run(new TopologyScript(topology, false).heal(isp));
    }

    /** How many of the router's resilient group's buckets point at a nexthop now (`ip nexthop bucket show`). */
    public int buckets(int group, int nexthop) {
        Runner.Result r = runner.run(List.of("ip", "-n", topology.routerNs(), "nexthop", "bucket", "show", "id",
                String.valueOf(group), "nhid", String.valueOf(nexthop)));
        return r.ok() ? (int) r.stdout().lines().filter(l -> l.contains(" nhid ")).count() : 0;
    }

    /** True when the ISP's upstream is cut (its drop table exists). */
    public boolean isCut(Isp isp) {
        List<String> argv = List.of("ip", "netns", "exec", topology.ispNs(isp), "nft", "list", "table", "ip",
                new TopologyScript(topology, false).cutTable(isp));
        return runner.run(argv).ok();
    }

    private void requireIsp(Isp isp) {
        if (!existing(runner, topology.prefix()).contains(topology.ispNs(isp))) {
            throw new LabException(LabException.FAILED, "no namespace " + topology.ispNs(isp)
                    + ": is the lab up (`mlb lab up --prefix " + topology.prefix() + "`)?");
        }
    }

    private void run(Step s) {
        Runner.Result r;
        try {
            r = runner.run(s.argv(), s.stdin());
        } catch (SystemRunner.MissingProgram e) {
            throw Preflight.missing(e.program());
        }
        if (!r.ok() && !s.mayFail()) {
            throw new LabException(LabException.FAILED, "`" + s + "` failed: " + r.stderr().strip());
        }
    }

    /**
     * Removes every namespace this prefix could have made and the lab processes running in them.
     * Idempotent and safe after a crash: it looks at what exists, not at what it remembers building.
     * Returns the namespaces deleted.
     */
    public static List<String> down(Runner runner, String prefix) {
        LabProcesses.stopAll(runner, prefix);
        List<String> deleted = new ArrayList<>();
        for (String ns : existing(runner, prefix)) {
            if (runner.run(List.of("ip", "netns", "delete", ns)).ok()) deleted.add(ns);
        }
        List<String> left = existing(runner, prefix);
        if (!left.isEmpty()) {
            throw new LabException(LabException.FAILED, "could not delete " + String.join(", ", left));
        }
        return deleted;
    }

    /**
     * The topology of a running lab, read back from the kernel (which ISP namespaces exist, or on a campus which
     * links' macvlans the router has, and the rate of the router's shaper on each), so cut, heal and spec work
     * without any file surviving from `up`.
     */
    public static Topology discover(Runner runner, String prefix) {
        List<String> present = existing(runner, prefix);
        String router = prefix + "-router";
        boolean campus = present.contains(prefix + "-campus");
        List<Rate> rates = new ArrayList<>();
        for (int k = 1; k <= Topology.MAX_LINKS; k++) {
            boolean there = campus ? present.contains(router) && hasDevice(runner, router, "isp" + k)
                    : present.contains(prefix + "-isp" + k);
            if (!there) break;
            rates.add(shapedRate(runner, router, "isp" + k));
        }
        if (rates.isEmpty() || !present.contains(router)) {
            throw new LabException(LabException.FAILED, "no lab with prefix '" + prefix + "' is up (`mlb lab up"
                    + (prefix.equals(Topology.DEFAULT_PREFIX) ? "" : " --prefix " + prefix) + "`)");
        }
        return campus ? Topology.campus(prefix, rates) : Topology.of(prefix, rates);
    }

    private static boolean hasDevice(Runner runner, String ns, String dev) {
        return runner.run(List.of("ip", "-n", ns, "link", "show", "dev", dev)).ok();
    }

    private static Rate shapedRate(Runner runner, String ns, String dev) {
        Runner.Result r = runner.run(List.of("tc", "-j", "-n", ns, "qdisc", "show", "dev", dev));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"kind\":\"tbf\".*?\"rate\":(\\d+)")
                .matcher(r.stdout());
        if (!r.ok() || !m.find()) {
            throw new LabException(LabException.FAILED, "cannot read the shaper of " + dev + " in " + ns
                    + "; the lab looks damaged: `mlb lab down` and up again");
        }
        return new Rate(Long.parseLong(m.group(1)) * 8);
    }

    /** The lab namespaces of this prefix that exist now. */
    public static List<String> existing(Runner runner, String prefix) {
        Runner.Result r = runner.run(List.of("ip", "netns", "list"));
        if (!r.ok()) throw new LabException(LabException.FAILED, "`ip netns list` failed: " + r.stderr().strip());
        List<String> names = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty() && Topology.belongsTo(prefix, name)) names.add(name);
        }
        return names;
    }
}
