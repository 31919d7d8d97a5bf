package mlb.spec;

import io.vavr.control.Option;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Ipv4Properties {
    @Property
    void everyAddressRoundTrips(@ForAll int address) {
        String dotted = Ipv4.format(address);
        assertEquals(Option.some(dotted), Ipv4.address(dotted));
        assertEquals(Option.some(address), Ipv4.parse(dotted, false));
    }

    @Property
    void everyNetworkRoundTrips(@ForAll int address, @ForAll @IntRange(max = 32) int length) {
        String network = new Ipv4.Prefix(address, length).network().toString();
        assertEquals(Option.some(network), Ipv4.prefix(network));
    }

    @Property
    void aPrefixIsAcceptedExactlyWhenItsHostBitsAreZero(@ForAll int address, @ForAll @IntRange(max = 32) int length) {
        int hostBits = length == 32 ? 0 : address & (-1 >>> length);
        String written = Ipv4.format(address) + "/" + length;
        assertEquals(hostBits == 0, Ipv4.prefix(written).isDefined());
    }

    @Property
    void aBareAddressIsAHostPrefix(@ForAll int address) {
        assertEquals(Option.some(Ipv4.format(address) + "/32"), Ipv4.prefix(Ipv4.format(address)));
    }

    @Property
    void leadingZerosAreRefusedButUnderstood(@ForAll int address, @ForAll @IntRange(max = 3) int octet) {
        String[] parts = Ipv4.format(address).split("\\.");
        parts[octet] = "0" + parts[octet];
        String padded = String.join(".", parts);
        assertEquals(Option.none(), Ipv4.address(padded));
        assertEquals(Option.some(address), Ipv4.parse(padded, true));
    }

    /** Prefixes in a small space (10.77.0.0/16), so that they overlap often. */
    private static String prefix(int bits, int length) {
        return new Ipv4.Prefix(0x0a4d0000 | (bits & 0xffff), length).network().toString();
    }

    private static boolean covers(io.vavr.collection.List<String> prefixes, int address) {
        return prefixes.exists(p -> {
            Ipv4.Prefix x = Ipv4.parsePrefix(p, false).get();
            return (address & x.mask()) == x.address();
        });
    }

    @Property
    void outermostMatchesWhatTheListMatchesWithNoElementCoveringAnother(
            @ForAll java.util.List<@IntRange(max = 0xffff) Integer> bits, @ForAll java.util.List<@IntRange(min = 16, max = 32) Integer> lengths,
            @ForAll @IntRange(max = 0xffff) int probe) {
        io.vavr.collection.List<String> given = io.vavr.collection.List.ofAll(bits).zipWith(lengths, Ipv4Properties::prefix);
        io.vavr.collection.List<String> kept = Ipv4.outermost(given);
        int address = 0x0a4d0000 | probe;
        assertEquals(covers(given, address), covers(kept, address), "address " + Ipv4.format(address) + " of " + given + " -> " + kept);
        for (String a : kept) {
            for (String b : kept) {
                if (a.equals(b)) continue;
                Ipv4.Prefix pa = Ipv4.parsePrefix(a, false).get();
                Ipv4.Prefix pb = Ipv4.parsePrefix(b, false).get();
                boolean aCoversB = pa.length() <= pb.length() && (pb.address() & pa.mask()) == pa.address();
                assertEquals(false, aCoversB, a + " covers " + b + " in " + kept);
            }
        }
        assertEquals(kept.distinct(), kept);
    }

    /** allInside agrees with looking at every pair: each inner prefix inside some outer one. */
    @Property
    void allInsideIsEveryPrefixInsideSomeOuterOne(
            @ForAll java.util.List<@IntRange(max = 0xffff) Integer> outerBits, @ForAll java.util.List<@IntRange(min = 16, max = 24) Integer> outerLengths,
            @ForAll java.util.List<@IntRange(max = 0xffff) Integer> innerBits, @ForAll java.util.List<@IntRange(min = 16, max = 32) Integer> innerLengths) {
        io.vavr.collection.List<String> outer = Ipv4.outermost(io.vavr.collection.List.ofAll(outerBits).zipWith(outerLengths, Ipv4Properties::prefix));
        io.vavr.collection.List<String> inner = io.vavr.collection.List.ofAll(innerBits).zipWith(innerLengths, Ipv4Properties::prefix);
        boolean expected = inner.forAll(i -> outer.exists(o -> {
            Ipv4.Prefix po = Ipv4.parsePrefix(o, false).get();
            Ipv4.Prefix pi = Ipv4.parsePrefix(i, false).get();
            return po.length() <= pi.length() && (pi.address() & po.mask()) == po.address();
        }));
        assertEquals(expected, Ipv4.allInside(inner, outer), inner + " in " + outer);
    }
    /** The one-pass strict parser reads exactly what splitting at the dots and checking each octet reads. */
    @Property(tries = 3000)
    void strictParsingAgreesWithOctetByOctetChecking(@ForAll("dottedish") String text) {
        assertEquals(splitParse(text), Ipv4.parse(text, false), text);
    }

    @Provide
    Arbitrary<String> dottedish() {
        return Arbitraries.strings().withChars("0123456789.").ofMinLength(0).ofMaxLength(17)
                .injectDuplicates(0.1).edgeCases(e -> e.add("0.0.0.0").add("255.255.255.255").add("01.2.3.4").add("1.2.3.256"));
    }

    private static io.vavr.control.Option<Integer> splitParse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return io.vavr.control.Option.none();
        int value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0' || Integer.parseInt(p) > 255) {
                return io.vavr.control.Option.none();
            }
            value = value << 8 | Integer.parseInt(p);
        }
        return io.vavr.control.Option.some(value);
    }
}
