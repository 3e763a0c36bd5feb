package dev.realtime.system;

/**
 * An event the domain publishes in-process (Spring application events) after its transaction has committed.
 * Listeners subscribe with {@code @EventListener} on the record type; {@link #name()} is the documented name.
 */
public interface DomainEvent {

    String name();
}
