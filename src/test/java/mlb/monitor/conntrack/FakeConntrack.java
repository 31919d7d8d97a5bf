package mlb.monitor.conntrack;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records which links' connections were deleted and answers what it was told to (Deleted(0) unless told). */
public final class FakeConntrack implements Conntrack {
    private final List<InetAddress> deleted = new CopyOnWriteArrayList<>();
    private volatile Deletion answer = new Deletion.Deleted(0);

    public FakeConntrack answering(Deletion d) {
        answer = d;
        return this;
    }

    public List<InetAddress> deleted() {
        return List.copyOf(deleted);
    }

    @Override
    public Deletion deleteNatedTo(InetAddress linkAddress) {
        deleted.add(linkAddress);
        return answer;
    }
}
