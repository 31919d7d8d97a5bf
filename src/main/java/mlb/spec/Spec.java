package mlb.spec;

import io.vavr.collection.List;

/** A validated spec: the user's words, with defaults filled in and weights resolved. */
public record Spec(Balancer balancer, List<Link> links, Monitor monitor, String source, List<Pin> pins) {
    public Spec {
        if (links == null || links.isEmpty()) throw new IllegalArgumentException("a spec has at least one link");
    }

    /** A spec without [[pin]]. */
    public Spec(Balancer balancer, List<Link> links, Monitor monitor, String source) {
        this(balancer, links, monitor, source, List.empty());
    }

    /** A spec without [monitor] or [[hook]]. */
    public Spec(Balancer balancer, List<Link> links, String source) {
        this(balancer, links, Monitor.defaults(), source);
    }

    /** Links sorted by name, so nothing downstream depends on their order in the file. */
    public List<Link> linksByName() {
        return links.sortBy(Link::name);
    }
}
