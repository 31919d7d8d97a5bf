package mlb.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The lab's shape and names: a LAN host, a router, one namespace per ISP (or, on a campus, one namespace with the
 * one gateway all links share) and an "internet" namespace that holds the servers. Every name and address the lab uses is derived here, so up, down, cut and the tests agree.
 * Addresses come only from 10.77.0.0/16 and 198.18.0.0/15.
 */
public record Topology(String prefix, List<Isp> isps, int servers) {
    public static final int MAX_LINKS = 8;
    public static final int MAX_SERVERS = 4;
    public static final int PORT = 8080;
    public static final String DEFAULT_PREFIX = "mlb";
    public static final List<Rate> DEFAULT_RATES = List.of(Rate.mbit(20), Rate.mbit(30), Rate.mbit(50));

    // Short enough that "<prefix>-router" stays a readable name; lowercase so it never looks like a flag.
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,23}");

    public static final String LAN_DEV = "lan";
    public static final String HOST_DEV = "eth0";
    public static final String ISP_ROUTER_DEV = "router";
    public static final String ISP_UPSTREAM_DEV = "inet";
    /** The router's veth to the campus, which carries a macvlan per link, and the internet's end of its upstream. */
    public static final String CAMPUS_DEV = "campus";
    public static final String ROUTER_LAN_ADDRESS = "10.77.0.1";
    public static final String HOST_ADDRESS = "10.77.0.2";
    public static final String LAN_SUBNET = "10.77.0.0/24";

    public Topology {
        requirePrefix(prefix);
        isps = List.copyOf(isps);
        if (isps.isEmpty() || isps.size() > MAX_LINKS) {
            throw new IllegalArgumentException("the lab has 1.." + MAX_LINKS + " links, not " + isps.size());
        }
        for (int i = 0; i < isps.size(); i++) {
            if (isps.get(i).index() != i + 1) throw new IllegalArgumentException("ISPs must be numbered 1..N");
            if (isps.get(i).campus() != isps.get(0).campus()) {
                throw new IllegalArgumentException("all links are on the campus or none is");
            }
        }
        if (servers < 1 || servers > MAX_SERVERS) {
            throw new IllegalArgumentException("the lab has 1.." + MAX_SERVERS + " servers, not " + servers);
        }
    }

    /** Returns the prefix if it can start namespace names, else throws IllegalArgumentException. */
    public static String requirePrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches() || prefix.endsWith("-")) {
            throw new IllegalArgumentException("invalid prefix '" + prefix + "' (lowercase letters, digits, '-', "
                    + "starting with a letter, at most 24 characters)");
        }
        return prefix;
    }

    public static Topology of(String prefix, List<Rate> rates) {
        List<Isp> isps = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) isps.add(new Isp(i + 1, rates.get(i)));
        return new Topology(prefix, isps, MAX_SERVERS);
    }

    /** The links as macvlans on one campus network behind one shared gateway (the five-WAN OpenWrt recipe). */
    public static Topology campus(String prefix, List<Rate> rates) {
        List<Isp> isps = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) isps.add(new Isp(i + 1, rates.get(i), true));
        return new Topology(prefix, isps, MAX_SERVERS);
    }

    public boolean campus() {
        return isps.get(0).campus();
    }

    public static Topology defaults() {
        return of(DEFAULT_PREFIX, DEFAULT_RATES);
    }

    public String lanNs() {
        return prefix + "-lan";
    }

    public String routerNs() {
        return prefix + "-router";
    }

    public String internetNs() {
        return prefix + "-inet";
    }

    public String campusNs() {
        return prefix + "-campus";
    }

    /** The namespace at the far end of the link, holding its gateway: the ISP's own, or the shared campus. */
    public String ispNs(Isp isp) {
        return isp.campus() ? campusNs() : prefix + "-" + isp.name();
    }

    /** Every namespace of this lab, in creation order. */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(lanNs(), routerNs()));
        if (campus()) all.add(campusNs());
        else isps.forEach(i -> all.add(ispNs(i)));
        all.add(internetNs());
        return all;
    }

    /** True for any namespace name this prefix could have made, whatever the number of links was. */
    public static boolean belongsTo(String prefix, String namespace) {
        if (!namespace.startsWith(prefix + "-")) return false;
        String role = namespace.substring(prefix.length() + 1);
        return role.equals("lan") || role.equals("router") || role.equals("inet") || role.equals("campus")
                || role.matches("isp[1-9][0-9]?");
    }

    public Optional<Isp> isp(String name) {
        return isps.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** 198.19.0.1 .. 198.19.0.N: addresses the traffic server answers on, all inside the internet namespace. */
    public List<String> serverAddresses() {
        return IntStream.rangeClosed(1, servers).mapToObj(i -> "198.19.0." + i).toList();
    }

    public String server() {
        return serverAddresses().get(0);
    }

    public Rate totalRate() {
        return new Rate(isps.stream().mapToLong(i -> i.rate().bitsPerSecond()).sum());
    }
}
