package mlb.compile;

import io.vavr.collection.List;
import mlb.spec.Ipv4;
import mlb.spec.Pin;

/**
 * Pins that can never match: the first match wins, so a pin all of whose traffic an earlier pin matches is dead
 * (a note, not a problem: the spec still does what it says, just not what its author meant).
 */
final class PinShadows {
    private PinShadows() {
    }

    static List<String> notes(List<Pin> pins) {
        return pins.zipWithIndex().flatMap(later -> pins.take(later._2).find(earlier -> covers(earlier, later._1))
                .map(earlier -> "pin " + later._1.name() + " can never match: pin " + earlier.name()
                        + " before it matches all of its traffic (the first match wins; move it up or narrow the earlier one)"));
    }

    /** Whether every connection b matches, a matches too. */
    static boolean covers(Pin a, Pin b) {
        return (a.proto().isEmpty() || a.proto().equals(b.proto()))
                && ports(a.dport(), b.dport()) && ports(a.sport(), b.sport())
                && prefixes(a.dst(), b.dst()) && prefixes(a.src(), b.src());
    }

    private static boolean ports(List<Pin.Ports> a, List<Pin.Ports> b) {
        return a.isEmpty() || !b.isEmpty() && b.forAll(x -> a.exists(y -> y.first() <= x.first() && x.last() <= y.last()));
    }

    private static boolean prefixes(List<String> a, List<String> b) {
        return a.isEmpty() || !b.isEmpty() && Ipv4.allInside(b, a);
    }
}
