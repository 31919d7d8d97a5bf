package mlb.engine;

/**
 * Where the engine reports progress while an operation runs (the CLI prints, the lab and tests collect). One
 * method per kind of event, so a new kind fails to compile in every listener that does not handle it.
 */
public interface Listener {
    default void on(Event e) {
        e.to(this);
    }

    void recovered(Event.Recovered e);

    void warning(Event.Warning e);

    void watching(Event.Watching e);

    void settling(Event.Settling e);

    void settled(Event.Settled e);

    void rollingBack(Event.RollingBack e);

    void planned(Event.Planned e);

    void applying(Event.Applying e);

    void ran(Event.Ran e);

    /** Hears nothing: for callers that only want the result (the lab, tests). */
    class Quiet implements Listener {
        public void recovered(Event.Recovered e) { }
        public void warning(Event.Warning e) { }
        public void watching(Event.Watching e) { }
        public void settling(Event.Settling e) { }
        public void settled(Event.Settled e) { }
        public void rollingBack(Event.RollingBack e) { }
        public void planned(Event.Planned e) { }
        public void applying(Event.Applying e) { }
        public void ran(Event.Ran e) { }
    }
}
