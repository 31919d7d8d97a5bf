package mlb.monitor.probe;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

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

        @Override
        public String readLine() {
            try {
                return lines.take().orElse(null);
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
