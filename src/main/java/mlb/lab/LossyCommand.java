package mlb.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lossy", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = {"Make an ISP's line drop a share of its packets at random, both ways (an nft numgen rule in "
                + "the ISP's namespace): a lossy but living line, on which mlb monitor must not call the link down.",
                "--percent 0 makes the line lossless again. Idempotent."})
final class LossyCommand extends LabTask {
    @Mixin
    IspArg isp;

    @Option(names = "--percent", defaultValue = "10", paramLabel = "N",
            description = "share of packets dropped, 1..99, or 0 for none (default: ${DEFAULT-VALUE})")
    int percent;

    @Override
    int run() {
        if (percent < 0 || percent > 99) throw new IllegalArgumentException("--percent must be 0..99: " + percent);
        isp.change((lab, i) -> {
            if (percent == 0) lab.lossless(i);
            else lab.lossy(i, percent);
        });
        out().println(percent == 0 ? isp.link + " lossless again" : isp.link + " drops " + percent
                + " % of its packets at random, both ways (`mlb lab lossy " + isp.link + " --percent 0" + isp.prefix.arg()
                + "` stops it)");
        return 0;
    }
}
