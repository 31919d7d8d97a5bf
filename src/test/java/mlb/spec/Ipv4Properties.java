package mlb.spec;

import io.vavr.control.Option;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
}
