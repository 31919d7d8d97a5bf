package mlb.model;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;

/**
 * One rule of an nft chain, as mlb writes them: packet matches (all must hold) and one statement. A closed
 * family of domain values, no nft syntax: the driver renders them and reads them back; whatever it reads that is
 * not one of these comes back as a rule mlb did not write, so the chain is rewritten.
 */
public record NftRule(List<Match> matches, Statement statement) {
    public NftRule {
        // a port match implies its protocol: nft drops `meta l4proto tcp` before `tcp dport`, so must we
        List<String> ported = matches.filter(m -> m instanceof Port).map(m -> ((Port) m).protocol());
        matches = matches.filter(m -> !(m instanceof Protocol p) || !ported.contains(p.protocol()));
    }

    /** The names of the table's sets, maps and helpers this rule refers to (the kernel keeps them while it does). */
    public List<String> uses() {
        List<String> sets = matches.filter(m -> m instanceof Address).map(m -> ((Address) m).set());
        if (statement instanceof MapJump m) return sets.append(m.map());
        if (statement instanceof SetHelper h) return sets.append(h.helper());
        if (statement instanceof Remember r) return sets.append(r.set());
        return sets;
    }

    public static NftRule of(Statement statement, Match... matches) {
        return new NftRule(List.of(matches), statement);
    }

    /** A packet match. */
    public sealed interface Match permits CtState, InDevice, OutDevice, Address, Protocol, Port {
    }

    /** The connection's state is one of these (new, established, related, invalid, untracked). */
    public record CtState(SortedSet<String> states) implements Match {
        public CtState {
            if (states.isEmpty() || !states.forAll(s -> s.matches("new|established|related|invalid|untracked"))) {
                throw new IllegalArgumentException("conntrack states " + states);
            }
        }
    }

    /** The packet came in on this device (by name: it may come and go). */
    public record InDevice(String dev) implements Match {
    }

    /** The packet goes out on this device. */
    public record OutDevice(String dev) implements Match {
    }

    /**
     * The packet's source (or destination) address, its first length bits kept (the rest zeroed), is in a named
     * set of the table. A list of prefixes is one plain set per prefix length, looked up this way: the kernel
     * adds and deletes such elements one by one, where an interval set makes nft sort the whole set again for each
     * element deleted (a 1 % change of 100 000 prefixes took a minute).
     */
    public record Address(boolean source, int family, String set, int length) implements Match {
        public Address {
            if (family != 4 && family != 6) throw new IllegalArgumentException("family " + family);
            NftObject.name(set, "set");
            if (length < 1 || length > bits(family)) throw new IllegalArgumentException("prefix length " + length);
            if (family == 6 && length != 128) throw new IllegalArgumentException("IPv6 sets are looked up by whole addresses");
        }

        /** The whole address, unmasked. */
        public Address(boolean source, int family, String set) {
            this(source, family, set, bits(family));
        }

        public boolean masked() {
            return length != bits(family);
        }

        /** The IPv4 mask of a masked lookup, dotted (255.255.255.0 for 24). */
        public String mask() {
            long m = (0xffffffffL << (32 - length)) & 0xffffffffL;
            return (m >>> 24) + "." + ((m >>> 16) & 255) + "." + ((m >>> 8) & 255) + "." + (m & 255);
        }

        private static int bits(int family) {
            return family == 4 ? 32 : 128;
        }
    }

    /** The layer 4 protocol: tcp, udp, icmp, icmpv6, or a number. */
    public record Protocol(String protocol) implements Match {
        public Protocol {
            if (!protocol.matches("tcp|udp|icmp|icmpv6|\\d{1,3}")) throw new IllegalArgumentException("protocol " + protocol);
        }
    }

    /** The source (or destination) port of tcp or udp is in one of these ranges. */
    public record Port(boolean source, String protocol, List<PortRange> ranges) implements Match {
        public Port {
            if (!protocol.equals("tcp") && !protocol.equals("udp")) throw new IllegalArgumentException("port protocol " + protocol);
            if (ranges.isEmpty()) throw new IllegalArgumentException("no ports");
        }
    }

    public record PortRange(int first, int last) {
        public PortRange {
            if (first < 0 || last < first || last > 65535) throw new IllegalArgumentException("ports " + first + "-" + last);
        }
    }

    /** What a rule does when its matches hold. */
    public sealed interface Statement permits Jump, Goto, MapJump, Masquerade, SetHelper, SetMark, Drop, Remember, Unknown {
    }

    /**
     * Puts the packet's IPv4 source address into a set with a timeout, or renews its timeout when it is there
     * (`update @set { ip saddr }`): how a source is remembered with the link it took.
     */
    public record Remember(String set) implements Statement {
        public Remember {
            NftObject.name(set, "set");
        }
    }

    /** Read from the kernel only: a rule mlb does not write, in the kernel's words (its chain is rewritten). */
    public record Unknown(String words) implements Statement {
    }

    /** Runs a regular chain (and comes back). */
    public record Jump(String chain) implements Statement {
        public Jump {
            NftObject.name(chain, "chain");
        }
    }

    /** Looks a key up in a verdict map and jumps where the element says; no element, no jump. */
    public record MapJump(Source source, String map) implements Statement {
        public MapJump {
            NftObject.name(map, "map");
        }
    }

    /** What a map lookup is keyed by. */
    public sealed interface Source permits Counter, Random, ConnectionMark {
    }

    /** A counter that goes up by one per lookup, modulo: deterministic round robin over the map's slots. */
    public record Counter(int modulus) implements Source {
        public Counter {
            if (modulus < 1) throw new IllegalArgumentException("modulus " + modulus);
        }
    }

    /** A random number below the modulus: weighted random over the map's ranges. */
    public record Random(int modulus) implements Source {
        public Random {
            if (modulus < 1) throw new IllegalArgumentException("modulus " + modulus);
        }
    }

    /** The connection's mark under a mask. */
    public record ConnectionMark(long mask) implements Source {
    }

    /** Continues in a chain and does not come back: the chain's end ends the packet's walk of this hook. */
    public record Goto(String chain) implements Statement {
        public Goto {
            NftObject.name(chain, "chain");
        }
    }

    /** Drops the packet: a pin whose links are all down, without "balance", drops rather than leaks. */
    public record Drop() implements Statement {
    }

    /** Rewrites the source address to the outgoing device's own (NAT). */
    public record Masquerade() implements Statement {
    }

    /** Assigns a conntrack helper object of the table to the connection. */
    public record SetHelper(String helper) implements Statement {
        public SetHelper {
            NftObject.name(helper, "helper");
        }
    }

    /**
     * Sets the bits under mask of the packet's mark (connection = false) or of the connection's mark to mark,
     * keeping every other bit: other software's marks survive.
     */
    public record SetMark(boolean connection, long mark, long mask) implements Statement {
        public SetMark {
            if ((mark & ~mask) != 0 || mask == 0 || mask > 0xffffffffL) {
                throw new IllegalArgumentException("mark 0x" + Long.toHexString(mark) + " outside mask 0x" + Long.toHexString(mask));
            }
        }
    }
}
