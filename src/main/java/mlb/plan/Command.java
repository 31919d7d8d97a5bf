package mlb.plan;

import mlb.model.Sysctl;

/** One kernel write: a line of an `ip -batch` run, or a sysctl set through /proc/sys. */
public sealed interface Command {
    String text();

    record IpLine(String line) implements Command {
        public String text() {
            return "ip " + line;
        }
    }

    record SysctlWrite(Sysctl sysctl) implements Command {
        public String text() {
            return "sysctl -w " + sysctl.name() + "=" + sysctl.value();
        }
    }
}
