package mlb.spec;

import io.vavr.collection.List;

import java.time.Duration;

/** Health probe of a link, sent through that link only. An empty target list means no probing. */
public record Check(List<String> targets, Duration interval, int down, int up) {
    public static Check none() {
        return new Check(List.empty(), Duration.ofSeconds(1), 3, 3);
    }
}
