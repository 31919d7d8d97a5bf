package mlb.model;

import io.vavr.collection.List;
import mlb.plan.Diff;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A plain IPv4 set's addresses as one list: whoever makes a state (elements one by one, or a list), it holds the
 * same list; a plan between two lists changes exactly the addresses that differ, and touches nothing else.
 */
class NftAddressesProperties {
    private static final NftSet SET = new NftSet("mlb", "pin1_dst_32", NftSet.KeyType.IPV4, false, false);

    private static String text(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    private static NetState state(java.util.List<Integer> addresses) {
        java.util.List<KernelObject> objects = new java.util.ArrayList<>(java.util.List.of(new NftTable("mlb"), SET));
        new TreeSet<>(addresses).forEach(a -> objects.add(NftElement.of("mlb", SET.name(), new NftElement.Prefix(text(a)))));
        return NetState.of(objects);
    }

    @Property(tries = 300)
    void aStateHoldsASetsElementsAsOneListAndGivesThemBackAsTheyWere(@ForAll @Size(max = 300) java.util.List<Integer> addresses) {
        NetState s = state(addresses);
        Set<String> given = addresses.stream().map(NftAddressesProperties::text).collect(Collectors.toSet());
        assertEquals(given.isEmpty() ? 0 : 1, s.all(NftAddresses.class).size());
        assertEquals(0, s.all(NftElement.class).size());
        assertEquals(given, StateElements.of(s).map(e -> e.item().text()).toJavaSet());
        assertEquals(s, StateJson.parse(StateJson.text(s)), "the state document keeps it");
    }

    @Property(tries = 300)
    void aPlanBetweenTwoListsChangesExactlyTheAddressesThatDiffer(@ForAll @Size(max = 200) java.util.List<Integer> was,
                                                                  @ForAll @Size(max = 200) java.util.List<Integer> is) {
        List<Change> changes = Diff.changes(state(was), state(is));
        Set<Integer> before = new TreeSet<>(was), after = new TreeSet<>(is);
        Set<String> added = after.stream().filter(a -> !before.contains(a)).map(NftAddressesProperties::text).collect(Collectors.toSet());
        Set<String> gone = before.stream().filter(a -> !after.contains(a)).map(NftAddressesProperties::text).collect(Collectors.toSet());
        assertEquals(added, changes.filter(c -> c instanceof Change.Create).map(c -> ((NftElement) c.subject()).item().text()).toJavaSet());
        assertEquals(gone, changes.filter(c -> c instanceof Change.Delete).map(c -> ((NftElement) c.subject()).item().text()).toJavaSet());
        assertEquals(added.size() + gone.size(), changes.size(), "nothing else: " + changes);
    }

    /**
     * A record keeps a long list in a file named by its hash: the list gives the same text as the elements one by
     * one gave it before there were lists (the path an interval set's elements still take), so files of older
     * records are the ones a list names.
     */
    @Property(tries = 20)
    void aListsFileIsTheTextItsElementsGaveOneByOne(@ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        java.util.List<Integer> addresses = random.ints(StateJson.LIST_FILE_MIN + random.nextInt(500)).boxed().toList();
        NetState list = state(addresses);
        java.util.List<KernelObject> byOne = new java.util.ArrayList<>(java.util.List.of(new NftTable("mlb"),
                new NftSet("mlb", SET.name(), NftSet.KeyType.IPV4, false, true)));
        new TreeSet<>(addresses).forEach(a -> byOne.add(NftElement.of("mlb", SET.name(), new NftElement.Prefix(text(a)))));
        java.util.Map<String, String> fromList = new java.util.TreeMap<>(), fromElements = new java.util.TreeMap<>();
        StateJson.encode(list, io.vavr.control.Option.some(fromList));
        StateJson.encode(NetState.of(byOne), io.vavr.control.Option.some(fromElements));
        assertEquals(1, fromList.size());
        assertEquals(fromElements, fromList);
    }

    @Test
    void numbersSortAsAddressesAndRepeatsCountOnce() {
        NftAddresses l = NftAddresses.of("mlb", "s", new int[] {(int) NftAddresses.parse("255.0.0.1"), (int) NftAddresses.parse("10.0.0.1"),
                (int) NftAddresses.parse("128.0.0.0"), (int) NftAddresses.parse("10.0.0.1")});
        assertEquals(List.of("10.0.0.1", "128.0.0.0", "255.0.0.1"), l.elements().map(e -> e.item().text()));
        assertEquals(-1, NftAddresses.parse("10.0.0.256"));
        assertEquals(-1, NftAddresses.parse("10.0.0"));
        assertEquals(-1, NftAddresses.parse("10.0.0.0/24"));
    }

    @Test
    void anElementGivenTwiceIsTwoObjectsWithOneIdentity() {
        NftElement e = NftElement.of("mlb", SET.name(), new NftElement.Prefix("10.77.0.1"));
        assertThrows(IllegalArgumentException.class, () -> NetState.of(java.util.List.of(new NftTable("mlb"), SET, e, e)));
    }
}
