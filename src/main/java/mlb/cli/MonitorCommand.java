package mlb.cli;

import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.engine.Engine;
import mlb.engine.Inputs;
import mlb.engine.Refusal;
import mlb.monitor.Log;
import mlb.monitor.Monitor;
import mlb.monitor.Requirements;
import mlb.monitor.conntrack.SystemConntrack;
import mlb.monitor.hook.ProcessHooks;
import mlb.monitor.probe.NetworkProbe;
import mlb.proc.SystemRunner;
import mlb.proc.Target;
import mlb.view.Exit;
import mlb.view.View;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Probe every link through itself and keep dead links out of the balancing, until stopped.",
                "Each change goes through plan, apply, verify and record like `mlb apply`; stopping leaves the kernel"
                        + " as the monitor last set it. SIGHUP or a changed spec file reloads the spec."})
final class MonitorCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    SpecOption file;

    @Mixin
    TargetOption target;

    @Mixin
    StateOption state;

    @CommandLine.Option(names = "--metrics", paramLabel = "[ADDR:]PORT", converter = Address.class,
            description = {"Serve Prometheus metrics on PORT of loopback (127.0.0.1), or on ADDR:PORT ([ADDR]:PORT for IPv6);"
                    + " off by default. With --netns the address is inside that namespace."})
    InetSocketAddress metrics;

    @Override
    public Integer call() {
        Target t = target.target();
        View view = main.view(false, "monitor", Option.some(t), state, false);
        Either<Refusal, mlb.spec.Spec> spec = Inputs.spec(file.path())
                .flatMap(s -> Requirements.unmet(s, System.getenv("PATH"), NetworkProbe::icmpUnusable).<Either<Refusal, mlb.spec.Spec>>map(Either::left)
                        .getOrElse(Either.right(s)))
                .flatMap(s -> main.engine(t, view, state).present().map(present -> s));
        if (spec.isLeft()) return Main.refused(view, spec.getLeft());
        Engine.handleInterruptsQuietly();
        if (t.netns().isPresent() && !t.netns().get().equals(System.getenv(Target.INSIDE_ENV))) {
            return InNamespace.run(t.netns().get(), main.args, main.err);
        }
        Log log = Log.to(main.out, main.err, Clock.systemUTC());
        Monitor m = new Monitor(main.env.residentWorkspace(main.stateDir(state)), t, file.path(),
                new Monitor.Tools(new NetworkProbe(), new SystemConntrack(new SystemRunner(), t), new ProcessHooks(),
                        new mlb.monitor.carrier.SystemCarrierWatch(t, log, Requirements.onPath("nft", System.getenv("PATH")))),
                log, Clock.systemUTC());
        return m.run(spec.get(), Option.of(metrics)).fold(r -> Main.refused(view, r), ok -> Exit.OK);
    }

    /**
     * PORT (loopback: the figures say how the router's links are), or ADDR:PORT with an IPv4 address, or
     * [ADDR]:PORT with an IPv6 one; literal addresses only, no name lookups.
     */
    static final class Address implements CommandLine.ITypeConverter<InetSocketAddress> {
        private static final String EXAMPLE = " (write a port, e.g. 9101 for 127.0.0.1:9101, or ADDR:PORT, e.g. 198.18.0.1:9101"
                + " or [::1]:9101)";

        @Override
        public InetSocketAddress convert(String value) {
            int colon = value.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon);
            boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean v6 = host.matches("\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]");
            if (!v4 && !v6) throw new CommandLine.TypeConversionException("'" + value + "' is not [ADDR:]PORT" + EXAMPLE);
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 1 || port > 65535) throw new NumberFormatException();
                return new InetSocketAddress(InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host), port);
            } catch (NumberFormatException | UnknownHostException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not [ADDR:]PORT" + EXAMPLE);
            }
        }
    }
}
