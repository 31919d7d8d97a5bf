package mlb.lab;

import mlb.proc.SystemRunner;

/** Resolves a LINK argument (isp2) against the running lab. */
final class IspArg {
    private IspArg() {
    }

    static Lab lab(String prefix) {
        SystemRunner runner = new SystemRunner();
        return new Lab(runner, Lab.discover(runner, prefix));
    }

    static Isp isp(Topology t, String name) {
        return t.isp(name).orElseThrow(() -> new IllegalArgumentException("no link '" + name + "' in the lab (it has "
                + String.join(", ", t.isps().stream().map(Isp::name).toList()) + ")"));
    }
}
