package mlb.model;

/** A single nexthop object: `nexthop id ID via GATEWAY dev DEV proto P`. */
public record Nexthop(int id, String gateway, String dev, int protocol) implements KernelObject {
    public Nexthop {
        if (id <= 0) throw new IllegalArgumentException("nexthop id must be positive: " + id);
        Tokens.require(gateway, "gateway");
        Tokens.require(dev, "device");
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.NEXTHOP, ObjectKey.pad(id));
    }

    @Override
    public String describe() {
        return "id " + id + " via " + gateway + " dev " + dev;
    }
}
