package mlb.compile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.Rule;
import mlb.spec.Link;
import mlb.spec.Pin;

/**
 * Route mode's pins: ip rules in mlb's priority range, pin N at its own priority (so first match wins, as in the
 * file), one rule per combination of its sources, destinations and port ranges (the kernel's rule matches one
 * of each), each sending the traffic to the table of the pin's first live link. With "balance" first among the
 * live ones the pin has no rules (the balancing below decides); with none live and no "balance", blackhole rules
 * drop the traffic rather than leak it through another link. A pin with a list file has one rule, for the mark
 * nftables gives its packets (RouteLists).
 */
final class RoutePins {
    private RoutePins() {
    }

    static void objects(Layout layout, List<Pin> pins, List<Link> live, java.util.List<KernelObject> out) {
        for (int i = 0; i < pins.size(); i++) pin(layout, i, pins.get(i), live, out);
    }

    private static void pin(Layout layout, int i, Pin p, List<Link> live, java.util.List<KernelObject> out) {
        int priority = layout.pinPriority(i);
        Option<String> first = p.links().find(l -> l.equals(Pin.BALANCE) || live.exists(x -> x.name().equals(l)));
        if (first.contains(Pin.BALANCE)) return;
        Option<Link> link = first.flatMap(name -> live.find(x -> x.name().equals(name)));
        Rule.Action action = link.isDefined() ? Rule.Action.LOOKUP : Rule.Action.BLACKHOLE;
        int table = link.map(layout::table).getOrElse(0);
        if (p.listed()) {
            // nftables marks what the pin matches (RouteLists): one rule, whatever the list's length
            out.add(new Rule(priority, Option.none(), Option.none(), Option.some(RouteLists.selector(layout.balancer().connmark(), i)),
                    Rule.Match.ANY, action, table, Option.none(), layout.balancer().protocol()));
            return;
        }
        Option<Integer> ipproto = p.proto().isEmpty() ? Option.none() : Option.some(p.protocolNumber());
        for (Option<String> from : each(prefixes(p.src())))
            for (Option<String> to : each(prefixes(p.dst())))
                for (Option<Rule.Ports> sport : each(p.sport().map(RoutePins::ports)))
                    for (Option<Rule.Ports> dport : each(p.dport().map(RoutePins::ports))) {
                        Rule.Match match = new Rule.Match(to, ipproto, sport, dport);
                        out.add(new Rule(priority, from, Option.none(), Option.none(), match,
                                action, table, Option.none(), layout.balancer().protocol()));
                    }
    }

    /** Prefixes as `ip -j rule` prints them (a host without /32); a list holding 0.0.0.0/0 selects nothing. */
    private static List<String> prefixes(List<String> given) {
        return given.contains("0.0.0.0/0") ? List.empty() : given.map(Prefixes::kernelForm);
    }

    /** Each value as a selector, or one "any" when there are none. */
    private static <T> List<Option<T>> each(List<T> values) {
        return values.isEmpty() ? List.of(Option.none()) : values.map(Option::some);
    }

    private static Rule.Ports ports(Pin.Ports p) {
        return new Rule.Ports(p.first(), p.last());
    }
}
