package dev.realtime.api;

import dev.realtime.system.DomainEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;

/** Hears every domain event the application publishes, as any in-process listener would. */
class DomainEventRecorder {

    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(DomainEvent event) {
        events.add(event);
    }

    /** The events of a type that match, in the order they were published. */
    <T extends DomainEvent> List<T> of(Class<T> type, Predicate<? super T> filter) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    }
}
