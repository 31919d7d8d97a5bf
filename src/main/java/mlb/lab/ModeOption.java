package mlb.lab;

import picocli.CommandLine.Option;

/** `--mode route|connmark`: which balancing the lab's spec asks for. */
final class ModeOption {
    @Option(names = "--mode", defaultValue = "route", paramLabel = "MODE",
            description = "route (per flow, by the kernel's hash) or connmark (per connection, by nftables marks; "
                    + "default: ${DEFAULT-VALUE})")
    String mode;

    String value() {
        if (!mode.equals("route") && !mode.equals("connmark")) {
            throw new LabException(LabException.USAGE, "--mode must be route or connmark, not '" + mode + "'");
        }
        return mode;
    }
}
