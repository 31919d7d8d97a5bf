package mlb.cli;

import mlb.proc.Target;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** `--netns NS`: act on a network namespace instead of the host. */
final class TargetOption {
    @Option(names = "--netns", paramLabel = "NS", converter = Netns.class,
            description = "Network namespace to act on (default: the host's).")
    Target netns;

    Target target() {
        return netns != null ? netns : Target.host();
    }


    /** A namespace name that is not one is a usage error (exit 64), like any bad option value. */
    static final class Netns implements CommandLine.ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            try {
                return Target.netns(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
