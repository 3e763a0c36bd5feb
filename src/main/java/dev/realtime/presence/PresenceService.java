package dev.realtime.presence;

import static dev.realtime.system.Deadlines.awaitUntil;

import dev.realtime.presence.PresenceEvents.UserOffline;
import dev.realtime.presence.PresenceEvents.UserOnline;
import dev.realtime.presence.PresenceStore.Idle;
import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.DomainEvent;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.Times;
import dev.realtime.users.UserRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Online/away/offline per user, counted per connection on every node: online with the first connection, offline
 * only once the last one has been gone for the grace period. Publishes {@code user.online} and {@code user.offline};
 * which node publishes is decided atomically in the {@link PresenceStore}, so each happens once in the cluster.
 * The futures returned fail when a shared store cannot be reached; the store logs that once, so this does not.
 */
@Service
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    /** A user's presence as the API shows it; {@code lastSeenAt} is null while online or when never seen. */
    public record UserPresence(String userId, PresenceStatus status, OffsetDateTime lastSeenAt) {
    }

    /** A grace timer of this node; at most one per user, as a newer idle period makes the older one moot. */
    private record Grace(Idle idle, ScheduledFuture<?> timer) {
    }

    private final PresenceStore store;
    private final UserRepository users;
    private final Blocking blocking;
    private final ApplicationEventPublisher publisher;
    private final ScheduledExecutorService timer;
    private final PresenceProperties properties;
    private final Map<String, Grace> graces = new ConcurrentHashMap<>();
    private final Map<String, OffsetDateTime> lastActivity = new ConcurrentHashMap<>();
    // Disconnects the store has not answered yet: each may start a grace period a drain must see.
    private final AtomicInteger disconnecting = new AtomicInteger();

    PresenceService(PresenceStore store, UserRepository users, Blocking blocking, ApplicationEventPublisher publisher,
                    ScheduledExecutorService realtimeTimer, PresenceProperties properties) {
        this.store = store;
        this.users = users;
        this.blocking = blocking;
        this.publisher = publisher;
        this.timer = realtimeTimer;
        this.properties = properties;
        store.start(new PresenceStore.Listener() {
            @Override
            public void graceStarted(Idle idle) {
                startGrace(idle);
            }

            @Override
            public void cameOnline(String userId, PresenceStatus status) {
                publish(new UserOnline(userId, status));
            }
        });
    }

    /** A connection of the user opened. The first one anywhere (outside a grace period) makes the user online. */
    public CompletableFuture<Void> setOnline(String userId, String connectionId) {
        trackUserActivity(userId);
        // A grace timer this node runs for the user is left to fire: the store tells it the idle period is over.
        return logged(store.connect(userId, connectionId), "connect", userId).thenAccept(connected -> {
            if (connected.cameOnline()) {
                publish(new UserOnline(userId, connected.status()));
            }
        });
    }

    /**
     * A connection of the user closed. The last one anywhere starts the grace period, after which the user is
     * offline. @return whether the user still has a connection on some node
     */
    public CompletableFuture<Boolean> setOffline(String userId, String connectionId) {
        disconnecting.incrementAndGet();
        return logged(store.disconnect(userId, connectionId, Times.now()), "disconnect", userId)
                .whenComplete((disconnected, error) -> {
                    if (disconnected != null) {
                        disconnected.idle().ifPresent(this::startGrace);
                    }
                    disconnecting.decrementAndGet();
                })
                .thenCompose(disconnected -> disconnected.connectionsLeft() < 0 ? isConnected(userId)
                        : CompletableFuture.completedFuture(disconnected.connectionsLeft() > 0));
    }

    /**
     * Sets "online" or "away" for a connected user; tells the user's contacts when it changed.
     *
     * @throws ApiException VALIDATION_FAILED at once, for any other status
     */
    public CompletableFuture<Void> updateStatus(String userId, String statusName) {
        PresenceStatus status = PresenceStatus.chosen(statusName);
        return logged(store.setStatus(userId, status), "status", userId).thenAccept(changed -> {
            // The same status again tells nobody anything: only a change is published.
            if (changed) {
                trackUserActivity(userId);
                publish(new UserOnline(userId, status));
            }
        });
    }

    public Mono<UserPresence> getUserStatus(String userId) {
        return getStatuses(List.of(userId)).map(list -> list.get(0));
    }

    /**
     * The presence of each user, in the order given; offline users carry their last-seen time when known.
     * SERVICE_UNAVAILABLE while a shared store cannot be reached.
     */
    public Mono<List<UserPresence>> getStatuses(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        return Mono.fromFuture(() -> store.statuses(ids))
                .onErrorMap(error -> !(error instanceof ApiException),
                        error -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "presence is unavailable, try again"))
                .flatMap(statuses -> blocking.call(() -> {
                    Map<String, OffsetDateTime> seen = users.lastSeen(ids.stream()
                            .filter(id -> !statuses.containsKey(id)).toList());
                    return ids.stream()
                            .map(id -> statuses.containsKey(id) ? new UserPresence(id, statuses.get(id), null)
                                    : new UserPresence(id, PresenceStatus.OFFLINE, seen.get(id)))
                            .toList();
                }));
    }

    /** Whether the user has a connection on some node (one in the grace period has none, but still shows online). */
    public CompletableFuture<Boolean> isConnected(String userId) {
        return store.connections(userId).thenApply(connections -> connections > 0);
    }

    public CompletableFuture<Set<String>> getOnlineUsers() {
        return store.onlineUsers();
    }

    /** Records that the user did something on this node, for "active N minutes ago" displays. */
    public void trackUserActivity(String userId) {
        lastActivity.put(userId, Times.now());
    }

    public OffsetDateTime lastActivity(String userId) {
        return lastActivity.get(userId);
    }

    /**
     * Shutdown, after this node's connections were closed: ends this node's idle periods before the database goes.
     * With a shared store they are timed out as usual (a user who reconnected to another node meanwhile never shows
     * offline), as long as {@code deadline} allows; what is left the other nodes take over once this one is silent.
     * Alone, this node is the whole world: its users are offline now, and their last-seen times are stored.
     */
    public void drain(long deadlineNanos) {
        awaitUntil(() -> disconnecting.get() <= 0, deadlineNanos);
        if (store.isShared()) {
            awaitUntil(graces::isEmpty, deadlineNanos);
            return;
        }
        List<CompletableFuture<Void>> ended = new ArrayList<>();
        for (Grace grace : List.copyOf(graces.values())) {
            grace.timer().cancel(false);
            ended.add(expire(grace.idle()));
        }
        try {
            CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("ending presence at shutdown did not finish: {}", e.toString());
        }
    }

    /** Times the grace period from its start: one handed over late may already be due. */
    private void startGrace(Idle idle) {
        long elapsed = Duration.between(idle.graceFrom(), Times.now()).toMillis();
        long delay = Math.max(0, properties.gracePeriod().toMillis() - Math.max(0, elapsed));
        graces.compute(idle.userId(), (userId, older) -> {
            if (older != null) {
                older.timer().cancel(false);
            }
            return new Grace(idle, timer.schedule(() -> expire(idle), delay, TimeUnit.MILLISECONDS));
        });
    }

    /** The grace period ended: offline unless the user came back, last seen when the last connection closed. */
    private CompletableFuture<Void> expire(Idle idle) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        store.removeIfIdle(idle.userId(), idle.token()).whenComplete((removed, error) -> {
            if (error != null) {
                ended.complete(null);
                // The store could not be asked; the entry would otherwise stay online for ever. Ask again later.
                log.debug("ending the idle period of user {} failed, trying again", idle.userId(), error);
                graces.computeIfPresent(idle.userId(), (userId, grace) -> grace.idle().equals(idle)
                        ? new Grace(idle, timer.schedule(() -> expire(idle), properties.gracePeriod().toMillis(),
                                TimeUnit.MILLISECONDS))
                        : grace);
                return;
            }
            graces.computeIfPresent(idle.userId(), (userId, grace) -> grace.idle().equals(idle) ? null : grace);
            if (removed) {
                offline(idle.userId(), idle.since(), ended);
            } else {
                ended.complete(null);
            }
        });
        return ended;
    }

    private void offline(String userId, OffsetDateTime lastSeenAt, CompletableFuture<Void> ended) {
        lastActivity.remove(userId);
        // Stored before it is announced, so a client that asks after the event reads the new value.
        blocking.run(() -> users.updateLastSeen(userId, lastSeenAt))
                .doOnError(error -> log.warn("could not store last-seen time of user {}", userId, error))
                .onErrorResume(error -> Mono.empty())
                .subscribe(null, error -> ended.complete(null), () -> {
                    publish(new UserOffline(userId, lastSeenAt));
                    ended.complete(null);
                });
    }

    private static <T> CompletableFuture<T> logged(CompletableFuture<T> call, String what, String userId) {
        return call.whenComplete((result, error) -> {
            if (error != null) {
                log.debug("presence {} of user {} failed", what, userId, error);
            }
        });
    }

    private void publish(DomainEvent event) {
        publisher.publishEvent(event);
    }
}
