package mlb.kernel;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import mlb.model.Observed;
import mlb.plan.Command;

/** The kernel of one target, as mlb sees it. The real one runs iproute2; tests use an in-memory fake. */
public interface Kernel {
    /**
     * Reads the owned objects: rules and nexthops carrying protocol, routes in the given tables and in every
     * table an owned rule points to, and the named sysctls.
     */
    Observed read(int protocol, Set<Integer> tables, Set<String> sysctls);

    /** The first global IPv4 address of a device, if it exists and has one. */
    Option<String> ipv4Address(String dev);

    boolean hasDevice(String dev);

    /** Whether nexthop groups of type resilient can be created here. */
    boolean supportsResilientGroups();

    /** Carries out the commands in order; stops at the first failure. */
    WriteResult write(List<Command> commands);

    /**
     * How a write went: how many commands were handed to the kernel (the failed one included, and when
     * iproute2 does not say which line failed, its whole batch), and the kernel's words if one failed.
     */
    record WriteResult(int attempted, Option<String> failure) {
        public boolean ok() {
            return failure.isEmpty();
        }
    }
}
