package mlb.lab;

import picocli.CommandLine.Command;

/** `mlb lab`: a multi-ISP network in network namespaces, and traffic tools to measure mlb on it. */
@Command(name = "lab", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LabException.USAGE,
        description = {"A real multi-ISP network in network namespaces (LAN host, router, ISPs, internet), "
                + "with shaped links, traffic tools and a demo of mlb on it.",
                "Only namespaces the lab creates are touched; addresses come from 10.77.0.0/16 and 198.18.0.0/15."},
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, SpecCommand.class,
                CutCommand.class, HealCommand.class, LossyCommand.class, DemoCommand.class, BenchCommand.class,
                ServeCommand.class, ClientCommand.class})
public final class LabCommand {
}
