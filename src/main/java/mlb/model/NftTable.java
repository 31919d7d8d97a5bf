package mlb.model;

import java.util.function.Function;

/** mlb's nftables table, of family inet (IPv4 and IPv6 together). Everything in it is mlb's. */
public record NftTable(String name) implements NftObject {
    public NftTable {
        NftObject.name(name, "table");
    }

    @Override
    public String table() {
        return name;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NFT_TABLE, name);
    }

    @Override
    public <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element,
                Function<NftAddresses, R> list) {
        return table.apply(this);
    }
}
