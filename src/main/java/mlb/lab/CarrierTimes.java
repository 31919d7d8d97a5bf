package mlb.lab;

import io.vavr.control.Option;
import mlb.monitor.carrier.CarrierEvent;
import mlb.monitor.carrier.LinkLines;

import java.util.List;
import java.util.function.Predicate;

/**
 * From the kernel's events around one carrier loss and return (see {@link KernelEvents}): how long after the
 * kernel said a device lost its carrier mlb's first change came, and after it said the carrier was back, mlb's
 * first restoring change. The kernel's own deletions on a carrier loss print nothing, so every route, rule,
 * nexthop or nft line after the notification is mlb's.
 */
record CarrierTimes(Option<Double> lostToWriteMs, Option<Double> backToRestoreMs) {
    static CarrierTimes of(List<KernelEvents.Line> lines, String dev) {
        int lost = first(lines, 0, l -> link(l, dev).exists(e -> !e.carrier()));
        int back = first(lines, lost + 1, l -> link(l, dev).exists(CarrierEvent::carrier));
        return new CarrierTimes(after(lines, lost, l -> true), after(lines, back, l -> !l.text().startsWith("Deleted ")));
    }

    private static Option<CarrierEvent> link(KernelEvents.Line l, String dev) {
        return l.nft() ? Option.none() : LinkLines.parse(l.text()).filter(e -> e.dev().equals(dev));
    }

    /** The first change after line i (not a link line, not a continuation) that passes, in ms after line i. */
    private static Option<Double> after(List<KernelEvents.Line> lines, int i, Predicate<KernelEvents.Line> change) {
        if (i < 0 || i >= lines.size()) return Option.none();
        int j = first(lines, i + 1, l -> !l.text().isBlank() && !Character.isWhitespace(l.text().charAt(0))
                && !l.text().startsWith("#") && (l.nft() || LinkLines.parse(l.text()).isEmpty()) && change.test(l));
        return j < 0 ? Option.none() : Option.some((lines.get(j).nanos() - lines.get(i).nanos()) / 1e6);
    }

    private static int first(List<KernelEvents.Line> lines, int from, Predicate<KernelEvents.Line> p) {
        if (from < 0) return -1;
        for (int i = from; i < lines.size(); i++) if (p.test(lines.get(i))) return i;
        return -1;
    }
}
