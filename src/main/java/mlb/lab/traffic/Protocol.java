package mlb.lab.traffic;

/**
 * The lab's line protocol on TCP. The client sends one line; the server first answers with the source address it
 * saw (after the router's masquerade that is the address of the link the flow took), then:
 * <pre>
 *   whoami\n        → "198.18.2.2\n", close
 *   get N\n         → "198.18.2.2\n" followed by N bytes, close
 *   get N R\n       → the same, paced to R bytes a second
 * </pre>
 */
public final class Protocol {
    public static final int DEFAULT_PORT = 8080;
    /** The FTP control port, where the lab's server also answers, so conntrack's FTP helper sees its sessions. */
    public static final int FTP_PORT = 21;
    /** Largest download the server agrees to stream, so a typo cannot keep a link busy for hours. */
    public static final long MAX_BYTES = 1L << 30;
    static final int MAX_LINE = 64;

    private Protocol() {
    }
}
