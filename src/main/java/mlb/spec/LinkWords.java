package mlb.spec;

import io.vavr.control.Option;

/** What a [[link]] accepts, for code that writes specs (`mlb init`): the same rules the parser applies. */
public final class LinkWords {
    private LinkWords() {
    }

    public static boolean isLinkName(String s) {
        return LinkRules.NAME.matcher(s).matches();
    }

    /** An interface name a spec can hold (the kernel allows more: spaces, '@', non-ASCII). */
    public static boolean isDev(String s) {
        return LinkRules.DEV.matcher(s).matches();
    }

    /** Why an IPv4 address cannot be a link's gateway (loopback, link-local, multicast...), none when it can. */
    public static Option<String> notAGateway(String address) {
        return Ipv4.address(address).isEmpty() ? Option.some("not an IPv4 address")
                : Addresses.unusable(address, true);
    }
}
