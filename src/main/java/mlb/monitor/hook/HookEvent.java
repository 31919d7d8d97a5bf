package mlb.monitor.hook;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a hook is told, as its environment: MLB_LINK, MLB_EVENT, MLB_DEV, MLB_STATE. For all_down the monitor
 * names the link whose failure left none up.
 */
public record HookEvent(String link, Kind kind, String device, String state) {
    public enum Kind {
        DOWN, UP, DEGRADED, RECOVERED, ALL_DOWN;

        /** The value of MLB_EVENT: down, up, degraded, recovered, all_down. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HookEvent {
        Objects.requireNonNull(kind, "kind");
        for (String v : new String[]{link, device, state}) {
            Objects.requireNonNull(v, "hook event fields are required");
            if (v.indexOf('\0') >= 0) throw new IllegalArgumentException("an environment value cannot hold NUL");
        }
    }

    Map<String, String> environment() {
        return Map.of("MLB_LINK", link, "MLB_EVENT", kind.word(), "MLB_DEV", device, "MLB_STATE", state);
    }
}
