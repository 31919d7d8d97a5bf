package mlb.monitor.probe;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DnsMessageProperties {
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-_").ofMinLength(1).ofMaxLength(63);
        return label.list().ofMinSize(0).ofMaxSize(8).map(ls -> ls.isEmpty() ? "." : String.join(".", ls))
                .filter(n -> n.equals(".") || n.length() + 2 <= 255);
    }

    @Property
    void everyNameDecodesToWhatWasEncoded(@ForAll("names") String name, @ForAll boolean trailingDot) {
        String written = trailingDot && !name.equals(".") ? name + "." : name;
        byte[] wire = DnsMessage.encodeName(written);
        assertEquals(Optional.of(new DnsMessage.Decoded(name, wire.length)), DnsMessage.decodeName(wire, wire.length, 0));
    }

    @Property
    void aQueryTurnedIntoAReplyParsesBack(@ForAll("names") String name, @ForAll @IntRange(max = 0xFFFF) int id,
                                          @ForAll ProbeTarget.RecordType type, @ForAll @IntRange(max = 15) int rcode) {
        byte[] m = DnsMessage.query(id, name, type);
        m[2] |= (byte) 0x80;
        m[3] = (byte) rcode;
        assertEquals(Optional.of(new DnsMessage.Reply(id, true, rcode, Optional.of(new DnsMessage.Question(name, type.code)))),
                DnsMessage.parseReply(m, m.length));
    }

    @Property
    void aCutMessageNeverParsesAsItsWholeQuestion(@ForAll("names") String name, @ForAll @IntRange(min = 1, max = 300) int cut) {
        byte[] m = DnsMessage.query(1, name, ProbeTarget.RecordType.A);
        Assume.that(cut < m.length);
        Optional<DnsMessage.Reply> r = DnsMessage.parseReply(m, m.length - cut);
        assertEquals(true, r.isEmpty() || r.get().question().isEmpty());
    }

    /** Whatever arrives on the socket, parsing returns a value: it fails this property only by throwing. */
    @Property
    void anyBytesParseOrNotWithoutThrowing(@ForAll byte[] bytes) {
        DnsMessage.parseReply(bytes, bytes.length);
    }
}
