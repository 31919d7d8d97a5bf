package mlb.kernel;

import io.vavr.collection.List;
import mlb.model.Foreign;
import mlb.model.KernelObject;

/** What one driver read: the owned objects of its kinds and a tally of the foreign ones. */
public record Reading(List<KernelObject> owned, Foreign foreign) {
}
