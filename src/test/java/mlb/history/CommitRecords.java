package mlb.history;

import java.nio.file.Path;

/** Run in a child JVM by CommitKillTest: commits records to the audit repo DIR, one after another, until killed. */
public final class CommitRecords {
    private CommitRecords() {
    }

    public static void main(String[] args) throws Exception {
        try (History h = History.open(Path.of(args[0]))) {
            h.commit(HalfCreatedRepoTest.applied("first"));
            System.out.println("go");
            System.out.flush();
            for (int i = 0; ; i++) h.commit(HalfCreatedRepoTest.applied("record " + i));
        }
    }
}
