package mlb.monitor.probe;

import java.net.InetAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A link as the prober sees it: its name (for logs), its device and its own source address. mlb's rules
 * `from <source> lookup <table>` and `oif <device> lookup <table>` make anything bound to either leave through
 * this link and no other.
 */
public record ProbeLink(String name, String device, InetAddress source) {
    /** As the spec accepts device names; no leading "-", so that a name can never read as an option. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");

    public ProbeLink {
        Objects.requireNonNull(source, "source");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a link needs a name");
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("invalid device name: " + device);
        }
    }
}
