package mlb.monitor.health;

import io.vavr.control.Option;

/** A link's health after one round, and the change that round made, if any. */
public record Transition(LinkHealth after, Option<Event> event) {
}
