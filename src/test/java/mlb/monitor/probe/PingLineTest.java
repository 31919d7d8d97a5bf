package mlb.monitor.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines as iputils 20221126 prints them with -n -O (copied from runs in a namespace). */
class PingLineTest {
    @Test
    void replies() {
        assertEquals(new PingLine.Reply(1, Duration.ofNanos(43_000)), PingLine.parse("64 bytes from 198.19.0.1: icmp_seq=1 ttl=64 time=0.043 ms"));
        assertEquals(new PingLine.Reply(65535, Duration.ofMillis(123)), PingLine.parse("64 bytes from 198.19.0.1: icmp_seq=65535 ttl=57 time=123 ms"));
        assertEquals(new PingLine.Reply(7, Duration.ofNanos(1_250_000)), PingLine.parse("64 bytes from 198.19.0.1: icmp_seq=7 ttl=64 time=1.25 ms (DUP!)"));
    }

    @Test
    void noAnswer() {
        assertEquals(new PingLine.NoAnswer(4), PingLine.parse("no answer yet for icmp_seq=4"));
    }

    @Test
    void icmpErrorsNameTheirSender() {
        assertEquals(new PingLine.Error(3, "destination host unreachable from 198.18.1.2"),
                PingLine.parse("From 198.18.1.2 icmp_seq=3 Destination Host Unreachable"));
        assertEquals(new PingLine.Error(9, "time to live exceeded from 198.18.1.1"),
                PingLine.parse("From 198.18.1.1 icmp_seq=9 Time to live exceeded"));
    }

    @Test
    void everythingElseIsANote() {
        assertEquals(new PingLine.Note("PING 198.19.0.1 (198.19.0.1) from 198.18.1.2 wan1: 56(84) bytes of data."),
                PingLine.parse("PING 198.19.0.1 (198.19.0.1) from 198.18.1.2 wan1: 56(84) bytes of data."));
        assertEquals(new PingLine.Note("ping: SO_BINDTODEVICE wanX: No such device"), PingLine.parse("ping: SO_BINDTODEVICE wanX: No such device"));
        assertEquals(new PingLine.Note("From 198.18.1.1 icmp_seq=2 Redirect Host(New nexthop: 198.18.1.5)"),
                PingLine.parse("From 198.18.1.1 icmp_seq=2 Redirect Host(New nexthop: 198.18.1.5)"));
        assertEquals(new PingLine.Note("1 packets transmitted, 0 received, 100% packet loss, time 0ms"),
                PingLine.parse("1 packets transmitted, 0 received, 100% packet loss, time 0ms"));
    }
}
