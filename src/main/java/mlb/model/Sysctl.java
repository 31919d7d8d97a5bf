package mlb.model;

/** A kernel setting under /proc/sys, e.g. net.ipv4.fib_multipath_hash_policy. Never deleted, only set. */
public record Sysctl(String name, String value) implements KernelObject {
    public Sysctl {
        Tokens.require(name, "sysctl name");
        Tokens.require(value, "sysctl value");
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Kind.SYSCTL, name);
    }

    @Override
    public String describe() {
        return name + " = " + value;
    }

    /** The file under /proc/sys holding this setting. */
    public String path() {
        return "/proc/sys/" + name.replace('.', '/');
    }
}
