package mlb.history;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records not yet in the audit repo, one file per entry: `<target>/journal/<sequence>.json`, written (and made
 * durable) before the kernel is touched with outcome INTERRUPTED, rewritten with the outcome, removed once
 * committed. Entries never overwrite each other; the sequence (next after the highest present, under the
 * target's lock) keeps their order. Whatever stops an apply between those steps, the next mlb run on the
 * target commits what is here, oldest first, so no kernel change goes unrecorded. The single
 * `record.pending.json` of earlier versions is read as the oldest entry. A set's long list is a file of the
 * journal named by its hash (set-SHA256.txt, as in a commit), written once while entries name it: the monitor's
 * changes beside a 100 000-prefix list journal a few kilobytes, not three copies of the list each time. The
 * files go when the last entry does.
 */
public record Journal(Path dir, Path legacy) {
    private static final Pattern NAME = Pattern.compile("(\\d{10})\\.json");
    private static final Pattern LIST = Pattern.compile("set-[0-9a-f]{64}\\.txt");

    public static Journal of(Path stateDir, String target) {
        Path t = stateDir.resolve(target);
        return new Journal(t.resolve("journal"), t.resolve("record.pending.json"));
    }

    /** One journaled record: its file, and its place in the order. */
    public record Entry(Path file, long sequence) {
    }

    /** Adds a record after every entry present; returns once it is on disk. */
    public Entry add(Record r) throws IOException {
        long next = entries().lastOption().map(e -> e.sequence() + 1).getOrElse(1L);
        Entry e = new Entry(dir.resolve(String.format("%010d.json", next)), next);
        write(e, r);
        return e;
    }

    /** Replaces an entry's record (with its outcome), atomically. */
    public void write(Entry e, Record r) throws IOException {
        java.util.Map<String, String> lists = new java.util.TreeMap<>();
        String text = RecordJson.journal(r, Option.some(lists));
        for (java.util.Map.Entry<String, String> l : lists.entrySet()) {
            Path f = dir.resolve(l.getKey());
            // named by its content's hash: a file already there holds exactly this list
            if (Owners.lstatIfAny(f) == null) Private.write(f, l.getValue());
        }
        Private.write(e.file(), text);
    }

    /** The text an entry of this record would hold, written nowhere (see Recorder.rehearse). */
    public static String text(Record r) {
        return RecordJson.journal(r, Option.some(new java.util.TreeMap<>()));
    }

    /** The entries present, oldest first. */
    public List<Entry> entries() throws IOException {
        List<Entry> out = List.empty();
        if (Owners.lstatIfAny(legacy) != null) out = out.append(new Entry(legacy, 0));
        if (Owners.lstatIfAny(dir) == null) return out;
        List<Entry> numbered = List.empty();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) numbered = numbered.append(new Entry(f, Long.parseLong(m.group(1))));
            }
        }
        return out.appendAll(numbered.sortBy(Entry::sequence));
    }

    /** An entry's record; one that cannot be parsed is reported, never silently dropped. */
    public Record read(Entry e) throws IOException {
        return RecordJson.parseJournal(Private.read(e.file()), this::list);
    }

    private Option<String> list(String name) {
        if (!LIST.matcher(name).matches()) return Option.none();
        try {
            return Option.some(Private.read(dir.resolve(name)));
        } catch (IOException ex) {
            return Option.none();
        }
    }

    public boolean pending() {
        try {
            return !entries().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    public void remove(Entry e) throws IOException {
        Files.deleteIfExists(held(e));
        Files.deleteIfExists(e.file());
        if (entries().isEmpty() && Owners.lstatIfAny(dir) != null) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) if (LIST.matcher(f.getFileName().toString()).matches()) Files.deleteIfExists(f);
            }
        }
        Private.syncDir(e.file().getParent());
    }

    /**
     * Marks a finished entry to be committed later, together with the monitor entries that follow it within
     * the time given (flaps coalesced into one commit). The entry itself is on disk already.
     */
    public void hold(Entry e, Instant until) throws IOException {
        Private.write(held(e), until.toString() + "\n");
    }

    /** Whether an entry is marked held (see hold); only finished entries are. */
    public boolean isHeld(Entry e) {
        try {
            return Owners.lstatIfAny(held(e)) != null;
        } catch (IOException ex) {
            return false;
        }
    }

    /** Until when an entry waits to be coalesced; none when it is to be committed as soon as possible. */
    public Option<Instant> heldUntil(Entry e) {
        try {
            return isHeld(e) ? Option.some(Instant.parse(Private.read(held(e)).strip())) : Option.none();
        } catch (IOException | RuntimeException ex) {
            return Option.none();
        }
    }

    private static Path held(Entry e) {
        return e.file().resolveSibling(e.file().getFileName() + ".held");
    }
}
