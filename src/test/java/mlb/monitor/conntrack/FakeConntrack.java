package mlb.monitor.conntrack;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records which links' connections were deleted and answers what it was told to (Deleted(0) unless told). */
public final class FakeConntrack implements Conntrack {
    private final List<InetAddress> deleted = new CopyOnWriteArrayList<>();
    private final List<String> marked = new CopyOnWriteArrayList<>();
    private volatile Deletion answer = new Deletion.Deleted(0);

    public FakeConntrack answering(Deletion d) {
        answer = d;
        return this;
    }

    public List<InetAddress> deleted() {
        return List.copyOf(deleted);
    }

    /** The marked deletions asked for, as "MARK/MASK" or "MARK/MASK unanswered". */
    public List<String> marked() {
        return List.copyOf(marked);
    }

    @Override
    public Deletion deleteMarked(Marked mark, boolean unansweredOnly) {
        marked.add(mark.text() + (unansweredOnly ? " unanswered" : ""));
        return answer;
    }

    @Override
    public Deletion deleteNatedTo(InetAddress linkAddress) {
        deleted.add(linkAddress);
        return answer;
    }
}
