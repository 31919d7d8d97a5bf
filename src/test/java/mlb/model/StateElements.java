package mlb.model;

import io.vavr.collection.Seq;

/** For tests: every set element of a state, a list's addresses each as one (a state keeps a list whole). */
public final class StateElements {
    private StateElements() {
    }

    public static Seq<NftElement> of(NetState s) {
        return s.all(NftElement.class).appendAll(s.all(NftAddresses.class).flatMap(NftAddresses::elements));
    }
}
