package mlb.model;

import java.util.function.Function;

/** One step from a current state towards a desired one. */
public sealed interface Change {
    ObjectKey key();

    /** `+`, `~`, `-/+` or `-`, as plan output shows them. */
    String symbol();

    /** The object as it will be after this change (the old one for a delete). */
    KernelObject subject();

    /** Exhaustive dispatch over the four kinds of change (see {@link KernelObject#match}). */
    <R> R match(Function<Create, R> create, Function<Update, R> update, Function<Replace, R> replace,
                Function<Delete, R> delete);

    record Create(KernelObject after) implements Change {
        public ObjectKey key() { return after.key(); }
        public String symbol() { return "+"; }
        public KernelObject subject() { return after; }

        public <R> R match(Function<Create, R> create, Function<Update, R> update, Function<Replace, R> replace,
                           Function<Delete, R> delete) {
            return create.apply(this);
        }
    }

    record Update(KernelObject before, KernelObject after) implements Change {
        public ObjectKey key() { return after.key(); }
        public String symbol() { return "~"; }
        public KernelObject subject() { return after; }

        public <R> R match(Function<Create, R> create, Function<Update, R> update, Function<Replace, R> replace,
                           Function<Delete, R> delete) {
            return update.apply(this);
        }
    }

    /**
     * The kernel cannot change the object in place: delete it and create the new one, back to back. before equals
     * after when the object itself is unchanged but goes with something that is replaced (a route of a group).
     */
    record Replace(KernelObject before, KernelObject after) implements Change {
        public ObjectKey key() { return after.key(); }
        public String symbol() { return "-/+"; }
        public KernelObject subject() { return after; }

        /** Recreated only because what it refers to is replaced. */
        public boolean recreated() {
            return before.equals(after);
        }

        public <R> R match(Function<Create, R> create, Function<Update, R> update, Function<Replace, R> replace,
                           Function<Delete, R> delete) {
            return replace.apply(this);
        }
    }

    record Delete(KernelObject before) implements Change {
        public ObjectKey key() { return before.key(); }
        public String symbol() { return "-"; }
        public KernelObject subject() { return before; }

        public <R> R match(Function<Create, R> create, Function<Update, R> update, Function<Replace, R> replace,
                           Function<Delete, R> delete) {
            return delete.apply(this);
        }
    }
}
