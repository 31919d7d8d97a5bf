package mlb.model;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A state holds each identity once: two objects claiming one is a bug in whoever built them. */
class NetStateTest {
    @Test
    void twoObjectsWithOneIdentityAreRefusedAndDistinctOnesKept() {
        NftElement a = NftElement.of("mlb", "pin1_dst_32", new NftElement.Prefix("198.19.0.1"));
        NftElement b = NftElement.of("mlb", "pin1_dst_32", new NftElement.Prefix("198.19.0.2"));
        assertEquals(2, NetState.of(List.of(b, a)).size());
        assertEquals(List.of(a, b), NetState.of(List.of(b, a)).all().toList());
        var e = assertThrows(IllegalArgumentException.class, () -> NetState.of(List.of(a, b, a)));
        assertEquals("two objects with one identity: " + a.key(), e.getMessage());
    }
}
