package mlb.monitor;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.Refusal;
import mlb.spec.Check;

import mlb.spec.Spec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a spec needs before the monitor may start: at least one checked link, and the programs it will spawn
 * (`ping` for icmp checks, `conntrack` when a dead link's connections are to be deleted), found on PATH.
 */
public final class Requirements {
    private Requirements() {
    }

    public static Option<Refusal> unmet(Spec spec, String pathVariable) {
        if (spec.links().forAll(l -> !l.check().probes())) {
            return Option.some(Refusal.of(Refusal.Reason.INVALID_SPEC, "no link has a [link.check]: there is nothing to monitor",
                    List.of("add [link.check] with targets = [\"ADDRESS\"] to each link the monitor should watch")));
        }
        boolean icmp = spec.links().exists(l -> l.check().probes() && l.check().method() instanceof Check.Method.Icmp);
        if (icmp && !onPath("ping", pathVariable)) return Option.some(missing("ping", "iputils-ping", "icmp checks"));
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
