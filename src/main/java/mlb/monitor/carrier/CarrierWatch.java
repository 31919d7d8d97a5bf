package mlb.monitor.carrier;

import java.util.function.Consumer;

/** Follows the kernel's link events of the target; stopped by close. */
public interface CarrierWatch {
    /** Starts following; each event goes to the consumer, in the kernel's order, on the watch's own thread. */
    AutoCloseable start(Consumer<CarrierEvent> events);
}
