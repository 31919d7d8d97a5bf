package mlb.monitor.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two DNS messages a probe needs, built and read by hand (RFC 1035 §4): a one-question query with RD set,
 * and the header plus first question of a reply. No DNS library on hand is small enough to be worth it.
 */
final class DnsMessage {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final int RD = 0x0100;
    private static final int QR = 0x8000;
    private static final int CLASS_IN = 1;

    private DnsMessage() {
    }

    /** The header and the first question of a reply (a server may leave the question out, e.g. with FORMERR). */
    record Reply(int id, boolean response, int rcode, Optional<Question> question) {
    }

    record Question(String name, int type) {
    }

    /** A name as the probe compares it: no trailing dot, except the root, which is ".". */
    static String canonical(String name) {
        if (name.equals(".") || name.isEmpty()) return ".";
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    static byte[] query(int id, String name, ProbeTarget.RecordType type) {
        if (id < 0 || id > 0xFFFF) throw new IllegalArgumentException("a DNS id is 16 bits: " + id);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + name.length());
        u16(out, id);
        u16(out, RD);
        u16(out, 1);
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        out.writeBytes(encodeName(name));
        u16(out, type.code);
        u16(out, CLASS_IN);
        return out.toByteArray();
    }

    /** The wire form of name: length-prefixed labels ending in the root's zero byte, at most 255 bytes. */
    static byte[] encodeName(String name) {
        if (name == null) throw new IllegalArgumentException("a DNS name is required");
        String c = canonical(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.length() + 2);
        if (!c.equals(".")) {
            for (String label : c.split("\\.", -1)) {
                if (!LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException("invalid DNS name " + name + ": each label is 1..63 of A-Z a-z 0-9 _ -");
                }
                out.write(label.length());
                out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write(0);
        if (out.size() > 255) throw new IllegalArgumentException("a DNS name is at most 255 bytes on the wire: " + name);
        return out.toByteArray();
    }

    /** The reply's header and first question, or empty when the bytes are not a DNS message. */
    static Optional<Reply> parseReply(byte[] data, int length) {
        if (length < 12 || length > data.length) return Optional.empty();
        int flags = u16(data, 2);
        Reply header = new Reply(u16(data, 0), (flags & QR) != 0, flags & 0xF, Optional.empty());
        if (u16(data, 4) == 0) return Optional.of(header);
        Optional<Decoded> name = decodeName(data, length, 12);
        if (name.isEmpty() || name.get().next() + 4 > length) return Optional.empty();
        Question q = new Question(name.get().name(), u16(data, name.get().next()));
        return Optional.of(new Reply(header.id(), header.response(), header.rcode(), Optional.of(q)));
    }

    record Decoded(String name, int next) {
    }

    /**
     * A name at offset, following compression pointers. Each pointer must lead before the start of the part it
     * was found in, so the parts start ever earlier and a crafted loop cannot hang us.
     */
    static Optional<Decoded> decodeName(byte[] data, int length, int offset) {
        List<String> labels = new ArrayList<>();
        int at = offset;
        int floor = offset;
        int next = -1;
        int wire = 0;
        while (at < length) {
            int len = data[at] & 0xFF;
            if (len == 0) {
                String name = labels.isEmpty() ? "." : String.join(".", labels);
                return wire + 1 > 255 ? Optional.empty() : Optional.of(new Decoded(name, next < 0 ? at + 1 : next));
            }
            if ((len & 0xC0) == 0xC0) {
                if (at + 1 >= length) return Optional.empty();
                int target = ((len & 0x3F) << 8) | (data[at + 1] & 0xFF);
                if (target >= floor) return Optional.empty();
                if (next < 0) next = at + 2;
                at = target;
                floor = target;
            } else if ((len & 0xC0) != 0 || at + 1 + len > length) {
                return Optional.empty();
            } else {
                labels.add(new String(data, at + 1, len, StandardCharsets.US_ASCII));
                wire += len + 1;
                at += len + 1;
            }
        }
        return Optional.empty();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }
}
