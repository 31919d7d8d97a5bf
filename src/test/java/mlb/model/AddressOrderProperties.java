package mlb.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Set elements and routes sort by address as numbers, with the prefix length after; text that is no address last. */
class AddressOrderProperties {
    private static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    @Property(tries = 2000)
    void ipv4KeysSortAsTheAddressesNumbersThenTheirLengths(@ForAll int a, @ForAll int b,
                                                           @ForAll @IntRange(max = 32) int la, @ForAll @IntRange(max = 32) int lb) {
        String ka = AddressOrder.sortKey(dotted(a) + "/" + la);
        String kb = AddressOrder.sortKey(dotted(b) + "/" + lb);
        int expected = a != b ? Integer.compareUnsigned(a, b) : Integer.compare(la, lb);
        assertEquals(Integer.signum(expected), Integer.signum(ka.compareTo(kb)), ka + " vs " + kb);
    }

    @Test
    void aHostSortsAfterItsPrefixesAndBeforeTheNextAddress() {
        assertEquals("4 0a4d0001/0000000999", AddressOrder.sortKey("10.77.0.1"));
        assertEquals("4 0a4d0100/0000000024", AddressOrder.sortKey("10.77.1.0/24"));
        assertTrue(AddressOrder.sortKey("10.77.0.1/32").compareTo(AddressOrder.sortKey("10.77.0.1")) < 0);
        assertTrue(AddressOrder.sortKey("10.77.0.1").compareTo(AddressOrder.sortKey("10.77.0.2/8")) < 0);
    }

    @Test
    void textThatIsNoAddressSortsLastAsItIs() {
        for (String odd : new String[] {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.", ".1.2.3", "a.b.c.d",
                "1.2.3.1234", "1.2.3.4x", "", "default"}) {
            assertEquals("9 " + odd, AddressOrder.sortKey(odd), odd);
        }
        assertTrue(AddressOrder.sortKey("2001:2::1").startsWith("6 "));
    }
}
