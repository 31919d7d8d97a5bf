package mlb.monitor.probe;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/** Fake ping processes: the test writes their output lines and ends them, and sees them held and released. */
final class ScriptedPings implements PingProcess.Spawner {
    final List<List<String>> argvs = new CopyOnWriteArrayList<>();
    final List<Scripted> processes = new CopyOnWriteArrayList<>();
    volatile IOException failWith;
    /** Whether holding and releasing works (the signalling shell is there). */
    volatile boolean signals = true;
    volatile boolean closed;

    @Override
    public PingProcess start(List<String> argv) throws IOException {
        if (failWith != null) throw failWith;
        argvs.add(List.copyOf(argv));
        Scripted p = new Scripted(this);
        processes.add(p);
        return p;
    }

    Scripted last() {
        return processes.get(processes.size() - 1);
    }

    @Override
    public void close() {
        closed = true;
    }

    static final class Scripted implements PingProcess {
        private final ScriptedPings spawner;
        private final LinkedBlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        /** While held, a line written is not returned yet, like output still in a pipe the reader has not got to. */
        private final Semaphore output = new Semaphore(1);
        private volatile int code;
        volatile boolean destroyed;
        volatile boolean held;
        volatile int releases;

        Scripted(ScriptedPings spawner) {
            this.spawner = spawner;
        }

        void line(String text) {
            lines.add(Optional.of(text));
        }

        void exit(int exitCode) {
            code = exitCode;
            lines.add(Optional.empty());
        }

        void holdOutput() {
            output.acquireUninterruptibly();
        }

        void releaseOutput() {
            output.release();
        }

        @Override
        public String readLine() {
            try {
                Optional<String> line = lines.take();
                output.acquire();
                output.release();
                return line.orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public int waitFor() {
            return code;
        }

        @Override
        public void destroy() {
            destroyed = true;
            exit(137);
        }

        @Override
        public boolean hold() {
            if (spawner.signals) held = true;
            return spawner.signals;
        }

        @Override
        public boolean release() {
            if (!spawner.signals) return false;
            held = false;
            releases++;
            return true;
        }
    }
}
