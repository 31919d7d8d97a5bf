package mlb.history;

import java.time.Instant;

/** One commit of a target's history, as `mlb history` lists it. */
public record Entry(String id, Instant time, String title, String outcome, String target) {
    public String shortId() {
        return id.substring(0, 7);
    }

    public boolean applied() {
        return "applied".equals(outcome);
    }
}
