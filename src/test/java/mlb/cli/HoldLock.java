package mlb.cli;

import io.vavr.control.Either;
import mlb.engine.Lock;
import mlb.proc.Target;

import java.nio.file.Path;

/**
 * Run in a child JVM by the lock tests: takes the lock of a namespace for a state directory, the way every
 * writing command does (or, with `monitor`, the lock `mlb monitor` holds), and holds it until stdin closes.
 * Args: STATE_DIR NETNS [LOCK_DIR [monitor]].
 */
public final class HoldLock {
    private HoldLock() {
    }

    public static void main(String[] args) throws Exception {
        Path lockDir = args.length > 2 ? Path.of(args[2]) : Lock.systemDir();
        boolean monitor = args.length > 3 && args[3].equals("monitor");
        Either<Lock.Holder, Lock> lock = monitor ? Lock.tryMonitor(lockDir, Target.netns(args[1]), Path.of(args[0]))
                : Lock.tryAcquire(lockDir, Target.netns(args[1]), Path.of(args[0]));
        System.out.println(lock.isRight() ? "held" : "busy (" + lock.getLeft() + ")");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        if (lock.isRight()) lock.get().close();
    }
}
