package mlb.compile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.NetState;
import mlb.model.NftAddresses;
import mlb.model.NftRule;
import mlb.model.NftSet;
import mlb.spec.Pin;

/**
 * The sets of the pins' address lists, one plain set per prefix length (pinN_dst_24 holds the /24s'
 * network addresses), and each pin's lookups of them: in connmark mode of every pin, in route mode of the pins
 * with a list file (the others are ip rules; their lookups are a single none). They depend on the pins alone, not on which links balance:
 * the monitor compiles the spec again for every change, and a 100 000-prefix list made again each time cost it
 * about 0.4 s per failover. The last pins' sets are kept (one entry: a reloaded spec replaces it), so a
 * compile of the same pins takes them as they are.
 */
record PinSets(String table, List<Pin> pins, boolean listedOnly, NetState state, List<Lookups> lookups) {
    /** A pin's lookups of its destination and source sets: a single none for an empty list (no address match). */
    record Lookups(List<Option<NftRule.Address>> dst, List<Option<NftRule.Address>> src) {
    }

    private static final Lookups NONE = new Lookups(List.of(Option.none()), List.of(Option.none()));
    private static volatile PinSets last;

    /** listedOnly: only the pins with a list file have sets (route mode). */
    static PinSets of(String table, List<Pin> pins, boolean listedOnly) {
        PinSets kept = last;
        if (kept != null && kept.table.equals(table) && kept.pins.equals(pins) && kept.listedOnly == listedOnly) return kept;
        java.util.List<KernelObject> out = new java.util.ArrayList<>();
        List<Lookups> lookups = pins.zipWithIndex().map(x -> listedOnly && !x._1.listed() ? NONE : new Lookups(
                addressSets(table, "pin" + (x._2 + 1) + "_dst", false, x._1.dst(), out),
                addressSets(table, "pin" + (x._2 + 1) + "_src", true, x._1.src(), out)));
        PinSets made = new PinSets(table, pins, listedOnly, NetState.of(out), lookups);
        last = made;
        return made;
    }

    /**
     * The sets of a list, one per prefix length, each holding the network addresses of its prefixes, and the
     * lookup of each: a single none for an empty list (no address match), and for 0.0.0.0/0 (every address).
     */
    private static List<Option<NftRule.Address>> addressSets(String t, String name, boolean source, List<String> prefixes,
                                                             java.util.List<KernelObject> out) {
        java.util.Map<Integer, java.util.List<String>> byLength = new java.util.TreeMap<>();
        for (String prefix : prefixes) {
            int slash = prefix.indexOf('/');
            int length = slash < 0 ? 32 : Integer.parseInt(prefix.substring(slash + 1));
            byLength.computeIfAbsent(length, k -> new java.util.ArrayList<>()).add(slash < 0 ? prefix : prefix.substring(0, slash));
        }
        if (byLength.isEmpty() || byLength.containsKey(0)) return List.of(Option.none());
        java.util.List<Option<NftRule.Address>> lookups = new java.util.ArrayList<>();
        byLength.forEach((length, networks) -> {
            String set = name + "_" + length;
            out.add(new NftSet(t, set, NftSet.KeyType.IPV4, false, false));
            out.add(NftAddresses.of(t, set, networks).get());   // Ipv4.outermost made each a network address
            lookups.add(Option.some(new NftRule.Address(source, 4, set, length)));
        });
        return List.ofAll(lookups);
    }
}
