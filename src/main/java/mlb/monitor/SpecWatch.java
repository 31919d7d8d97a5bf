package mlb.monitor;

import io.vavr.control.Option;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tells when the spec file changed (its size, time or inode) or SIGHUP asked for a reload. */
final class SpecWatch {
    private final Path file;
    private final AtomicBoolean hangup = new AtomicBoolean();
    private Option<String> seen;

    SpecWatch(Path file) {
        this.file = file;
        this.seen = stamp();
    }

    /** SIGHUP reloads, as daemons do (systemd's ExecReload sends it). */
    void onHangup() {
        Signal.handle(new Signal("HUP"), s -> hangup.set(true));
    }

    /** Whether to reload now; a change is reported once. */
    boolean changed() {
        Option<String> now = stamp();
        boolean changed = hangup.getAndSet(false) || !now.equals(seen);
        seen = now;
        return changed;
    }

    private Option<String> stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Option.some(a.size() + "/" + a.lastModifiedTime().toMillis() + "/" + a.fileKey());
        } catch (IOException e) {
            return Option.none();
        }
    }
}
