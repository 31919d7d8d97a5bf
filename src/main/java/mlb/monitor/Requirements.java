package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.spec.Check;

import mlb.spec.Spec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a spec needs before the monitor may start: at least one checked link, raw sockets for icmp checks (root
 * or CAP_NET_RAW, as ping has), and `conntrack` on PATH when a dead link's connections are to be deleted.
 */
public final class Requirements {
    private Requirements() {
    }

    /** icmpUnusable: why this process cannot send icmp probes, if it cannot (asked only for a spec with icmp checks). */
    public static Option<Refusal> unmet(Spec spec, String pathVariable, Supplier<Option<String>> icmpUnusable) {
        if (spec.links().forAll(l -> !l.check().probes())) {
            return Option.some(Refusal.of(Refusal.Reason.INVALID_SPEC, "no link has a [link.check]: there is nothing to monitor",
                    List.of("add [link.check] with targets = [\"ADDRESS\"] to each link the monitor should watch")));
        }
        boolean icmp = spec.links().exists(l -> l.check().probes() && l.check().method() instanceof Check.Method.Icmp);
        Option<String> noIcmp = icmp ? icmpUnusable.get() : Option.none();
        if (noIcmp.isDefined()) {
            return Option.some(Refusal.of(Refusal.Reason.NOT_PERMITTED, "icmp checks cannot be sent: " + noIcmp.get(),
                    List.of("they are echo requests from a raw socket, which needs root or CAP_NET_RAW (run mlb monitor as root)")));
        }
        if (spec.monitor().deletesConntrack() && !onPath("conntrack", pathVariable)) {
            return Option.some(missing("conntrack", "conntrack", "deleting a dead link's connections (conntrack_grace = \"0s\" turns it off)"));
        }
        return Option.none();
    }

    private static Refusal missing(String program, String pkg, String forWhat) {
        return Refusal.of(Refusal.Reason.MISSING_TOOL, "the " + program + " command is missing: install " + pkg,
                List.of("mlb monitor needs it for " + forWhat));
    }

    public static boolean onPath(String program, String pathVariable) {
        for (String dir : (pathVariable == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : pathVariable).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

}
