package dev.realtime.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * Runs a unit of work in one transaction on the blocking executor, then publishes the domain events it recorded,
 * only once the transaction has committed: a listener never hears of something that was rolled back.
 */
@Component
public class Transactions {

    /** Where work records the events to publish after commit. */
    public static final class Events {
        private final List<DomainEvent> pending = new ArrayList<>();

        public void publish(DomainEvent event) {
            pending.add(event);
        }
    }

    private final TransactionTemplate template;
    private final Blocking blocking;
    private final ApplicationEventPublisher publisher;
    private final ReentrantLock[] orderLocks = new ReentrantLock[256];

    Transactions(TransactionTemplate template, Blocking blocking, ApplicationEventPublisher publisher) {
        this.template = template;
        this.blocking = blocking;
        this.publisher = publisher;
        for (int i = 0; i < orderLocks.length; i++) {
            orderLocks[i] = new ReentrantLock();
        }
    }

    public <T> Mono<T> run(Function<Events, T> work) {
        return blocking.call(() -> commitThenPublish(work));
    }

    /**
     * Like {@link #run}, and work with the same key runs one at a time on this node, publication included, so its
     * events are published in commit order. Sends to one chat serialise on the chat's row anyway; this also keeps
     * their {@code message.created} events, and so {@code message:new}, in seq order.
     */
    public <T> Mono<T> runInOrder(String key, Function<Events, T> work) {
        return blocking.call(() -> {
            ReentrantLock lock = orderLocks[Math.floorMod(key.hashCode(), orderLocks.length)];
            lock.lock();
            try {
                return commitThenPublish(work);
            } finally {
                lock.unlock();
            }
        });
    }

    private <T> T commitThenPublish(Function<Events, T> work) {
        Events events = new Events();
        T result = template.execute(status -> work.apply(events));
        events.pending.forEach(publisher::publishEvent);
        return result;
    }

    /** Work that records no events (reads). */
    public <T> Mono<T> read(Supplier<T> work) {
        return blocking.call(() -> template.execute(status -> work.get()));
    }
}
