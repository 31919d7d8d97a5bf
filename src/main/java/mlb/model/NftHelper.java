package mlb.model;

import java.util.function.Function;

/**
 * A conntrack helper object (ftp, tftp, sip, ...): assigned to new connections by a rule, so that the related
 * connections it expects (an FTP data connection) are known as RELATED and keep their master's mark.
 */
public record NftHelper(String table, String name, String type, String protocol) implements NftObject {
    public NftHelper {
        NftObject.name(table, "table");
        NftObject.name(name, "helper");
        if (!type.matches("[a-z0-9-]{1,16}")) throw new IllegalArgumentException("not a helper type: " + type);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) throw new IllegalArgumentException("helper protocol " + protocol);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NFT_HELPER, table + " " + name);
    }

    @Override
    public <R> R matchNft(Function<NftTable, R> table, Function<NftHelper, R> helper, Function<NftSet, R> set,
                       Function<NftChain, R> chain, Function<NftElement, R> element,
                Function<NftAddresses, R> list) {
        return helper.apply(this);
    }
}
