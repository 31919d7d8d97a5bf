package mlb.kernel;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.model.Change;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.Observed;
import mlb.model.Scope;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The kernel of one target as its drivers see it together: one read merges theirs, and a write hands each run
 * of consecutive changes to the driver of their kind, in plan order, so the order the plan chose across kinds
 * (settings, nexthops, groups, routes, nft objects, rules on create; the reverse on delete) is kept. The drivers
 * are assembled outside this package (mlb.host for the real machine, the tests' fakes for theirs): a kernel
 * without a driver for some kind reads none of it and refuses to write it.
 */
public final class Kernel {
    private final List<Driver> drivers;
    private final Devices devices;

    public Kernel(List<Driver> drivers, Devices devices) {
        for (Kind k : Kind.values()) {
            if (drivers.count(d -> d.kinds().contains(k)) > 1) {
                throw new IllegalArgumentException("two drivers own " + k.label());
            }
        }
        this.drivers = drivers;
        this.devices = devices;
    }

    public Devices devices() {
        return devices;
    }

    /** The drivers read at the same time (see Readers); their readings are joined in driver order. */
    public Observed read(Scope scope) {
        return read(scope, false);
    }

    /** often: see Driver.read; the monitor reads the kernel for every change it makes. */
    public Observed read(Scope scope, boolean often) {
        List<CompletableFuture<Reading>> reads = drivers.map(d -> Readers.start(() -> d.read(scope, often)));
        java.util.List<KernelObject> owned = new java.util.ArrayList<>();
        Foreign foreign = Foreign.NONE;
        for (CompletableFuture<Reading> read : reads) {
            Reading r = Readers.await(read);
            r.owned().forEach(owned::add);
            foreign = foreign.plus(r.foreign());
        }
        return new Observed(NetState.of(owned), foreign);
    }

    /** The commands the changes become, in order, or the first reason one of them cannot be written. */
    public Either<String, List<String>> commands(List<Change> changes) {
        // gathered in a java list: appending to a vavr List copies it, which for 100 000 changes is minutes
        java.util.List<String> out = new java.util.ArrayList<>();
        for (List<Change> run : runs(changes, Integer.MAX_VALUE)) {
            Either<String, List<String>> r = driverOf(run.head()).flatMap(d -> d.render(run));
            if (r.isLeft()) return Either.left(r.getLeft());
            r.get().forEach(out::add);
        }
        return Either.right(List.ofAll(out));
    }

    public Written write(List<Change> changes) {
        return write(changes, () -> false);
    }

    /**
     * Writes the changes, driver run by driver run, each in batches its driver allows; before each batch it asks
     * stop, and stops there when told to. Nothing is written when one of the changes cannot be rendered.
     */
    public Written write(List<Change> changes, BooleanSupplier stop) {
        Either<String, List<String>> rendered = commands(changes);
        if (rendered.isLeft()) return new Written(List.empty(), Option.some(rendered.getLeft()), true);
        Written done = new Written(List.empty(), Option.none(), true);
        for (List<Change> batch : runs(changes, 0)) {
            if (!done.ok()) break;
            if (stop.getAsBoolean()) return done.stoppedHere();
            done = done.then(driverOf(batch.head()).get().write(batch));
        }
        return done;
    }

    /** See Driver.prefetch. */
    public void prefetch() {
        drivers.forEach(Driver::prefetch);
    }

    /** See Driver.rehearse: nothing in the kernel changes; a run no driver takes is skipped, as one that cannot render. */
    public void rehearse(List<Change> changes) {
        for (List<Change> run : runs(changes, Integer.MAX_VALUE)) driverOf(run.head()).forEach(d -> d.rehearse(run));
    }

    /** Consecutive changes of one driver, at most limit of them (0: as many as that driver takes at once). */
    private java.util.List<List<Change>> runs(List<Change> changes, int limit) {
        java.util.List<List<Change>> out = new java.util.ArrayList<>();
        java.util.List<Change> run = new java.util.ArrayList<>();
        Driver current = null;
        int max = 0;
        for (Change c : changes) {
            Driver d = driverOf(c).getOrNull();
            if (!run.isEmpty() && (d != current || run.size() >= max)) {
                out.add(List.ofAll(run));
                run.clear();
            }
            current = d;
            max = limit > 0 ? limit : d == null ? Integer.MAX_VALUE : d.batch();
            run.add(c);
        }
        if (!run.isEmpty()) out.add(List.ofAll(run));
        return out;
    }

    private Either<String, Driver> driverOf(Change c) {
        Kind k = c.key().kind();
        return drivers.find(d -> d.kinds().contains(k)).toEither(() -> "this kernel has no driver for "
                + k.label() + "s (a bug: the drivers are assembled without one)");
    }
}
