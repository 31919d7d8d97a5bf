package mlb.monitor;

import io.vavr.collection.List;

/** How the monitor names what it watches, in its log. */
final class Describe {
    private Describe() {
    }

    static String links(Monitored m) {
        List<String> probed = List.ofAll(m.probed().values()).map(p -> p.link().name() + " (" + p.link().check().method().keyword()
                + " " + p.policy().targets().mkString(", ") + " every " + p.interval().toMillis() + " ms, down "
                + p.policy().down() + ", up " + p.policy().up() + ")");
        List<String> unprobed = List.ofAll(m.unprobed()).map(n -> n + " (not probed)");
        return "watching " + probed.appendAll(unprobed).mkString(", ");
    }
}
