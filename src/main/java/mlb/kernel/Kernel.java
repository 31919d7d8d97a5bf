package mlb.kernel;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.kernel.ip.IpDevices;
import mlb.kernel.ip.IpDriver;
import mlb.kernel.sysctl.SysctlDriver;
import mlb.model.Change;
import mlb.model.Foreign;
import mlb.model.KernelObject;
import mlb.model.Kind;
import mlb.model.NetState;
import mlb.model.Observed;
import mlb.model.Scope;
import mlb.proc.Runner;
import mlb.proc.SystemRunner;
import mlb.proc.Target;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The kernel of one target as its drivers see it together: one read merges theirs, and a write hands each run
 * of consecutive changes to the driver of their kind, in plan order, so the order the plan chose across kinds
 * (settings, nexthops, groups, routes, nft objects, rules on create; the reverse on delete) is kept.
 */
public final class Kernel {
    private final List<Driver> drivers;
    private final Devices devices;

    public Kernel(List<Driver> drivers, Devices devices) {
        for (Kind k : Kind.values()) {
            if (drivers.count(d -> d.kinds().contains(k)) != 1) {
                throw new IllegalArgumentException("exactly one driver must own " + k.label());
            }
        }
        this.drivers = drivers;
        this.devices = devices;
    }

    /** The real kernel of a target, through iproute2 and /proc/sys. */
    public static Kernel of(Target target) {
        Runner runner = new SystemRunner();
        return new Kernel(List.of(new SysctlDriver(runner, target), new IpDriver(runner, target)),
                new IpDevices(runner, target));
    }

    public Devices devices() {
        return devices;
    }

    /** The drivers read at the same time (see Readers); their readings are joined in driver order. */
    public Observed read(Scope scope) {
        List<CompletableFuture<Reading>> reads = drivers.map(d -> Readers.start(() -> d.read(scope)));
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
        for (Change c : changes) {
            Either<String, List<String>> r = driverOf(c).render(c);
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
        List<Change> left = changes;
        while (!left.isEmpty() && done.ok()) {
            if (stop.getAsBoolean()) return done.stoppedHere();
            Driver d = driverOf(left.head());
            List<Change> batch = left.takeWhile(c -> driverOf(c) == d).take(d.batch());
            done = done.then(d.write(batch));
            left = left.drop(batch.size());
        }
        return done;
    }

    private Driver driverOf(Change c) {
        Kind k = c.key().kind();
        return drivers.find(d -> d.kinds().contains(k)).get();
    }
}
