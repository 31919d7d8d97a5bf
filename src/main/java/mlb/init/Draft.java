package mlb.init;

import io.vavr.collection.List;

/** The spec `mlb init` writes, and what the user should hear about it besides (fewer than two uplinks...). */
public record Draft(String text, int found, List<String> warnings) {
}
