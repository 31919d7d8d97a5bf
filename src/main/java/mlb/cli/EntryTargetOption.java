package mlb.cli;

import io.vavr.control.Option;
import mlb.proc.Target;
import picocli.CommandLine;

/** `--netns NS` for `show` and `diff`, whose revs already name their target: given, it overrides or checks it. */
final class EntryTargetOption {
    @CommandLine.Option(names = "--netns", paramLabel = "NS", converter = TargetOption.Netns.class,
            description = "show: say when REV belongs to another target than this namespace; diff: read `live` from"
                    + " this namespace's kernel (default: the target REV was recorded for).")
    Target netns;

    Option<Target> given() {
        return Option.of(netns);
    }

    Target target() {
        return netns != null ? netns : Target.host();
    }
}
