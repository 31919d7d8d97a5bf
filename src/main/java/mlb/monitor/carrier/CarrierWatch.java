package mlb.monitor.carrier;

import mlb.kernel.Generation;

import java.util.function.Consumer;

/**
 * Follows the kernel's events on the target; stopped by close. Carrier changes go to the consumer, in the
 * kernel's order, on the watch's own thread; every event of the objects mlb reads counts in the generation.
 */
public interface CarrierWatch {
    AutoCloseable start(Consumer<CarrierEvent> events, Generation changes);
}
