package mlb.kernel;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import mlb.model.Change;
import mlb.model.Kind;
import mlb.model.Scope;

/**
 * One kernel backend (iproute2, sysctl, nftables): it owns the reading, the syntax and the writing of its kinds
 * of object. Nothing outside a driver knows its tool's words.
 */
public interface Driver {
    /** The kinds of object this driver reads and writes; no two drivers share a kind. */
    Set<Kind> kinds();

    /** The owned objects of its kinds within scope; whatever else it sees is tallied as foreign. */
    Reading read(Scope scope);

    /**
     * The same, for a caller that reads often (the monitor): a driver may then read in fewer processes where that
     * costs no more on this kernel.
     */
    default Reading read(Scope scope, boolean often) {
        return read(scope);
    }

    /**
     * The exact commands a run of changes (consecutive in the plan, all of this driver's kinds) becomes, as the
     * audit record and `plan --json` show them, or why it cannot be written (a word that is not a plain token, a
     * change the tool has no way to make). A transactional driver may order the run's changes inside its
     * transaction as its tool needs them.
     */
    Either<String, List<String>> render(List<Change> run);

    /**
     * Writes the changes in order. A tool that reports per command (ip -batch) stops at the first failure and
     * says which commands it sent; a transactional tool (nft -f) applies all or nothing and says so in
     * {@link Written#atomic()}. Either way the engine re-reads the kernel afterwards, so revert works for both.
     */
    Written write(List<Change> changes);

    /**
     * Goes through everything a write of these changes does short of changing the kernel, where the tool can (nft
     * -c sends the transaction to be checked, then aborted): the monitor rehearses a change once so that its
     * first real one does not run cold. Whether the check passes is not this call's business: the real write
     * verifies. Tools without such a mode do nothing.
     */
    default void rehearse(List<Change> changes) {
    }

    /**
     * Starts the read a plan will make, where it is slow and does not depend on the scope (nft lists the whole
     * ruleset), so that the caller can parse the spec meanwhile; the next read takes it if it is fresh and no write
     * came between. Drivers whose reads are quick or need the scope do nothing.
     */
    default void prefetch() {
    }

    /**
     * How many changes one write may carry at most: between writes the engine can stop at a safe point (an
     * interrupt). A transactional driver writes a whole run at once, so that it stays all or nothing.
     */
    int batch();
}
