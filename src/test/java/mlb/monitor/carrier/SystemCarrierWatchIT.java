package mlb.monitor.carrier;

import io.vavr.collection.HashSet;
import mlb.it.ChildJvm;
import mlb.it.Netns;
import mlb.kernel.Generation;
import mlb.monitor.Log;
import mlb.proc.Target;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A monitor killed with SIGKILL leaves no follower behind: they would hold a deleted namespace alive. */
class SystemCarrierWatchIT {
    /** Follows the kernel's events of the namespace args[0], says "following" once both followers run, then waits. */
    public static void main(String[] args) throws Exception {
        Generation changes = new Generation();
        Log quiet = new Log() {
            public void line(String text) {
            }

            public void problem(String text) {
                System.err.println(text);
            }
        };
        new SystemCarrierWatch(Target.netns(args[0]), quiet, true).start(e -> { }, changes);
        while (changes.now(HashSet.of("ip", "nft")).isEmpty()) Thread.sleep(20);
        System.out.println("following");
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void theFollowersEndWithAMonitorKilledHard() throws Exception {
        Netns.assumeAvailable();
        try (Netns ns = Netns.create()) {
            Process monitor = new ProcessBuilder(ChildJvm.command(SystemCarrierWatchIT.class, ns.name))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<ProcessHandle> followers = List.of();
            try {
                String said = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals("following", said);
                followers = monitor.children().toList();
                assertEquals(2, followers.size(), "ip monitor and nft monitor");
                monitor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (followers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) Thread.sleep(50);
                assertTrue(followers.stream().noneMatch(ProcessHandle::isAlive), "a follower outlived its monitor");
            } finally {
                monitor.destroyForcibly();
                followers.forEach(ProcessHandle::destroyForcibly); // a failed run leaves nothing behind either
            }
        }
    }

}
