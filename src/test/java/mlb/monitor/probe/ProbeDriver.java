package mlb.monitor.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The real prober inside a namespace, driven by {@link ProbeIT} over stdin/stdout (a JVM cannot enter a
 * namespace, so the test starts this one under `ip netns exec`, as the monitor re-executes itself). Each
 * "round" line runs one round of both links at once and prints, per probe,
 * `PROBE <link> <kind> answered|failed <reason>`, then `LATE <link> <ms the round took beyond its timeout>`
 * for each link, then `END`. Args: the ping silence in ms.
 */
public final class ProbeDriver {
    /**
     * Long enough for a TLS handshake of this C1-only JVM on a loaded 2-core machine (with 400 ms, the uncut link's
     * https probe timed out for CPU, not for its path); the test asserts causes and that rounds end on schedule.
     */
    static final Duration TIMEOUT = Duration.ofMillis(1200);
    static final Duration INTERVAL = Duration.ofMillis(1500);

    public static void main(String[] args) throws Exception {
        InetAddress target = InetAddress.getByName("198.19.0.1");
        List<ProbeTarget> targets = List.of(
                new ProbeTarget.Icmp(target),
                new ProbeTarget.Tcp(target, 7001),
                ProbeTarget.Http.plain(target, 8080, "/"),
                ProbeTarget.Http.https(target, 8443, "/", Optional.empty()),
                new ProbeTarget.Dns(target, 5353, "example.test", ProbeTarget.RecordType.A));
        List<ProbeLink> links = List.of(
                new ProbeLink("isp1", "wan1", InetAddress.getByName("198.18.1.2")),
                new ProbeLink("isp2", "wan2", InetAddress.getByName("198.18.2.2")));
        try (NetworkProbe probe = new NetworkProbe(NetworkProbe.raw(), Duration.ofMillis(Long.parseLong(args[0])));
             Prober prober = new Prober(probe, 8, Clock.systemUTC())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = in.readLine()) != null && command.equals("round")) {
                long start = System.nanoTime();
                List<CompletableFuture<Long>> ended = new ArrayList<>();
                List<CompletableFuture<Round>> rounds = new ArrayList<>();
                for (ProbeLink l : links) {
                    CompletableFuture<Round> f = prober.start(l, targets, TIMEOUT).orElseThrow();
                    rounds.add(f);
                    ended.add(f.thenApply(r -> System.nanoTime()));
                }
                for (int i = 0; i < links.size(); i++) {
                    Round r = rounds.get(i).join();
                    long late = (ended.get(i).join() - start) / 1_000_000 - TIMEOUT.toMillis();
                    for (Round.Probed p : r.results()) {
                        String kind = p.target().describe().split(" ")[0];
                        String what = p.outcome() instanceof Outcome.Failed failed ? "failed " + failed.reason() : "answered";
                        System.out.println("PROBE " + r.link().name() + " " + kind + " " + what);
                    }
                    System.out.println("LATE " + r.link().name() + " " + late);
                }
                System.out.println("END");
                System.out.flush();
            }
        }
    }
}
