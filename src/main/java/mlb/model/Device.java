package mlb.model;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * A network device as the kernel reports it: facts mlb reads to compile a spec, never writes. up: set up by its
 * administrator; carrier: the link below is up too (the kernel refuses nexthops on a device without either, and
 * deletes those it had).
 */
public record Device(String name, boolean up, boolean carrier, List<Address> addresses) {
    /**
     * A global IPv4 address of the device and its prefix length; on a point-to-point line (`peer`), the prefix
     * is the peer's: the network the device reaches is around the peer, not around its own address.
     */
    public record Address(String address, int prefix, Option<String> peer) {
        public Address(String address, int prefix) {
            this(address, prefix, Option.none());
        }

        /** An address in the network this one reaches. */
        public String reaches() {
            return peer.getOrElse(address);
        }
    }

    /** Whether the kernel takes nexthops on this device now. */
    public boolean usable() {
        return up && carrier;
    }

    /** Its first global IPv4 address: the source mlb uses for the link unless the spec names one. */
    public Option<String> firstAddress() {
        return addresses.headOption().map(Address::address);
    }

    /** Why the kernel would not take a nexthop on it, when it would not. */
    public Option<String> unusableBecause() {
        if (!up) return Option.some("is down (bring it up: ip link set " + name + " up)");
        if (!carrier) return Option.some("has no carrier (is the cable in and the modem on?)");
        return Option.none();
    }
}
