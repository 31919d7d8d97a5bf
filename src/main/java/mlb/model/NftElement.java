package mlb.model;

import io.vavr.control.Option;

import java.util.function.Function;

/**
 * One element of a set or map: its item (the key nft looks up) and, in a verdict map, the chain it jumps to. An element is an object of
 * its own so that a plan changes exactly the elements that differ: a weight change or a dead link rewrites a few
 * slots, a list file with 500 new prefixes adds 500 elements, and nothing else is touched.
 */
public record NftElement(String table, String set, Key item, Option<String> jump) implements NftObject {
    public NftElement {
        NftObject.name(table, "table");
        NftObject.name(set, "set");
        jump.forEach(c -> NftObject.name(c, "chain"));
    }

    /** A set element: its key only. */
    public static NftElement of(String table, String set, Key item) {
        return new NftElement(table, set, item, Option.none());
    }

    /** A map element that jumps to a chain. */
    public static NftElement jump(String table, String set, Key item, String chain) {
        return new NftElement(table, set, item, Option.some(chain));
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NFT_ELEMENT, table + " " + set + " " + item.sortKey());
    }

    /** What an element is keyed by: a number (a mark, a slot), a range of numbers, or an address prefix. */
    public sealed interface Key {
        /** A text that sorts elements of one set in their natural order. */
        String sortKey();

        /** How people read it (and nft writes it). */
        String text();
    }

    public record Value(long value) implements Key {
        public Value {
            if (value < 0 || value > 0xffffffffL) throw new IllegalArgumentException("element value out of range: " + value);
        }

        public String sortKey() {
            return ObjectKey.pad(value);
        }

        public String text() {
            return Long.toString(value);
        }
    }

    /** A packet or connection mark (keys of a map from marks to the links' chains). */
    public record Mark(long mark) implements Key {
        public Mark {
            if (mark < 0 || mark > 0xffffffffL) throw new IllegalArgumentException("mark out of range: " + mark);
        }

        public String sortKey() {
            return ObjectKey.pad(mark);
        }

        public String text() {
            return String.format("0x%08x", mark);
        }
    }

    public record Range(long first, long last) implements Key {
        public Range {
            if (first < 0 || last < first || last > 0xffffffffL) throw new IllegalArgumentException("bad range " + first + "-" + last);
        }

        public String sortKey() {
            return ObjectKey.pad(first) + "-" + ObjectKey.pad(last);
        }

        public String text() {
            return first + "-" + last;
        }
    }

    /** An IPv4 or IPv6 address or prefix, in the form nft lists it (a host without /32 or /128). */
    public record Prefix(String prefix) implements Key {
        public Prefix {
            if (prefix.isEmpty()) throw new IllegalArgumentException("empty prefix");
        }

        public String sortKey() {
            return AddressOrder.sortKey(prefix);
        }

        public String text() {
            return prefix;
        }
    }

    @Override
    public <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element,
                Function<NftAddresses, R> list) {
        return element.apply(this);
    }
}
