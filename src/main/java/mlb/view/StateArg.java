package mlb.view;

import io.vavr.control.Option;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The --state the user gave, repeated in every command a hint suggests (the engine's and the views' alike), so
 * the suggested command reads the same history as the one that printed it. Without --state a hint stays as it
 * is: the suggested command then uses the same default directory.
 */
final class StateArg {
    /** A suggested mlb command that reads or writes the history, in backquotes as hints write them. */
    private static final Pattern HINTED = Pattern.compile(
            "`(mlb (?:plan|apply|destroy|rollback|confirm|status|history|show|diff|monitor)(?: [^`]*)?)`");

    private final Option<Path> state;

    StateArg(Option<Path> state) {
        this.state = state;
    }

    static StateArg none() {
        return new StateArg(Option.none());
    }

    Option<Path> dir() {
        return state;
    }

    /** The text with ` --state DIR` added to each hinted command that does not name one. */
    String complete(String text) {
        if (state.isEmpty()) return text;
        Matcher m = HINTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String command = m.group(1);
            String full = command.contains(" --state ") ? command : command + " --state " + Lines.word(state.get().toString());
            m.appendReplacement(out, Matcher.quoteReplacement("`" + full + "`"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
