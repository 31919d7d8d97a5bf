package mlb.cli;

import mlb.engine.Lock;

import java.nio.file.Path;
import java.util.Optional;

/** Run in a child JVM by ApplyLockTest: takes the apply lock of a directory and holds it until stdin closes. */
public final class HoldLock {
    private HoldLock() {
    }

    public static void main(String[] args) throws Exception {
        Optional<Lock> lock = Lock.tryAcquire(Path.of(args[0]));
        System.out.println(lock.isPresent() ? "held" : "busy");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        if (lock.isPresent()) lock.get().close();
    }
}
