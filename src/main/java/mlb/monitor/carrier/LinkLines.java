package mlb.monitor.carrier;

import io.vavr.control.Option;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head lines of `ip monitor link` (iproute2 prints no JSON for monitor): `3: wan1@wan1p: <FLAGS> ... state S`,
 * or `Deleted 3: wan1: ...`. A device has carrier when its flags hold LOWER_UP and not NO-CARRIER and it is not
 * deleted; every other line (a link/ether continuation) says nothing.
 */
public final class LinkLines {
    private static final Pattern HEAD = Pattern.compile("^(Deleted )?\\d+: ([^:@\\s]+)(@[^:\\s]+)?: <([A-Z0-9_,-]*)>.*");

    private LinkLines() {
    }

    public static Option<CarrierEvent> parse(String line) {
        Matcher m = HEAD.matcher(line);
        if (!m.matches()) return Option.none();
        java.util.List<String> flags = java.util.List.of(m.group(4).split(","));
        boolean up = m.group(1) == null && flags.contains("UP");
        boolean carrier = up && flags.contains("LOWER_UP") && !flags.contains("NO-CARRIER");
        return Option.some(new CarrierEvent(m.group(2), carrier, up, 0));
    }
}
