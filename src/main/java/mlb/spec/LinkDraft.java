package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

import java.math.BigInteger;

/**
 * One [[link]] read on its own, field by field, so that the rules across links (duplicates, weight or
 * bandwidth) can still use the fields that are valid when others are not.
 */
record LinkDraft(Node node, Validation<Diagnostic, String> name, Validation<Diagnostic, String> dev,
                 Validation<Diagnostic, String> gateway, Validation<Diagnostic, Boolean> onlink,
                 Validation<Diagnostic, Share> share,
                 Validation<Diagnostic, Option<Integer>> table, Validation<Diagnostic, Option<String>> source,
                 Validation<List<Diagnostic>, List<Pin>> routes, Validation<List<Diagnostic>, Check> check,
                 Validation<Diagnostic, Boolean> nat, Validation<Diagnostic, Option<Long>> mark,
                 List<Diagnostic> unknownKeys) {

    /** How much traffic a link asked for. A weight not given is 1, but counts as neither style when mixing. */
    sealed interface Share {
        record Weight(int value, boolean given) implements Share {
        }

        record Rate(BigInteger bitsPerSecond) implements Share {
        }
    }

    /** A destination pinned to this link, canonical, with the node it was written at. */
    record Pin(String prefix, Node node) {
    }

    List<Diagnostic> problems() {
        return unknownKeys
                .appendAll(Problems.of(name)).appendAll(Problems.of(dev)).appendAll(Problems.of(gateway))
                .appendAll(Problems.of(onlink))
                .appendAll(Problems.of(share)).appendAll(Problems.of(table)).appendAll(Problems.of(source))
                .appendAll(Problems.of(routes)).appendAll(Problems.of(check))
                .appendAll(Problems.of(nat)).appendAll(Problems.of(mark));
    }

    /** Only for a draft without problems. */
    Link link(int weight) {
        return new Link(name.get(), dev.get(), gateway.get(), onlink.get(), weight, table.get(), source.get(),
                routes.get().map(Pin::prefix), check.get(), nat.get(), mark.get());
    }

    Node at(String key) {
        return node.get(key).getOrElse(node);
    }
}
