package dev.realtime.presence;

import dev.realtime.presence.PresenceEvents.UserOffline;
import dev.realtime.presence.PresenceEvents.UserOnline;
import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.DomainEvent;
import dev.realtime.system.Times;
import dev.realtime.users.UserRepository;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Online/away/offline per user, counted per connection: online with the first connection, offline only once the
 * last one has been gone for the grace period. Publishes {@code user.online} and {@code user.offline}.
 */
@Service
public class PresenceService {

    public static final String ONLINE = "online";
    public static final String AWAY = "away";
    public static final String OFFLINE = "offline";

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);
    private static final int STRIPES = 64;

    /** A user's presence as the API shows it; {@code lastSeenAt} is null while online or when never seen. */
    public record UserPresence(String userId, String status, OffsetDateTime lastSeenAt) {
    }

    private final PresenceStore store;
    private final UserRepository users;
    private final Blocking blocking;
    private final ApplicationEventPublisher publisher;
    private final ScheduledExecutorService timer;
    private final PresenceProperties properties;
    private final Map<String, ScheduledFuture<?>> goingOffline = new ConcurrentHashMap<>();
    private final Map<String, OffsetDateTime> lastActivity = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[STRIPES];

    PresenceService(PresenceStore store, UserRepository users, Blocking blocking, ApplicationEventPublisher publisher,
                    ScheduledExecutorService realtimeTimer, PresenceProperties properties) {
        this.store = store;
        this.users = users;
        this.blocking = blocking;
        this.publisher = publisher;
        this.timer = realtimeTimer;
        this.properties = properties;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** A connection of the user opened. The first one (outside a grace period) makes the user online. */
    public void setOnline(String userId, String connectionId) {
        DomainEvent event = null;
        synchronized (lock(userId)) {
            ScheduledFuture<?> pending = goingOffline.remove(userId);
            if (pending != null) {
                pending.cancel(false);
            }
            int connections = store.connect(userId, connectionId);
            if (connections == 1 && pending == null) {
                event = new UserOnline(userId, store.status(userId).orElse(ONLINE));
            }
        }
        trackUserActivity(userId);
        publish(event);
    }

    /** A connection of the user closed. The last one starts the grace period, after which the user is offline. */
    public void setOffline(String userId, String connectionId) {
        OffsetDateTime closedAt = Times.now();
        synchronized (lock(userId)) {
            if (store.disconnect(userId, connectionId) == 0 && !goingOffline.containsKey(userId)) {
                goingOffline.put(userId, timer.schedule(() -> expire(userId, closedAt),
                        properties.gracePeriod().toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    /** Sets "online" or "away" for a connected user; tells the user's contacts when it changed. */
    public void updateStatus(String userId, String status) {
        if (!ONLINE.equals(status) && !AWAY.equals(status)) {
            throw ApiException.invalid("status", "must be \"online\" or \"away\"");
        }
        boolean connected;
        boolean changed = false;
        synchronized (lock(userId)) {
            connected = store.connections(userId) > 0;
            if (connected) {
                changed = !status.equals(store.status(userId).orElse(null));
                store.setStatus(userId, status);
            }
        }
        if (connected) {
            trackUserActivity(userId);
        }
        // The same status again tells nobody anything: only a change is published.
        if (changed) {
            publish(new UserOnline(userId, status));
        }
    }

    public Mono<UserPresence> getUserStatus(String userId) {
        return getStatuses(List.of(userId)).map(list -> list.get(0));
    }

    /** The presence of each user, in the order given; offline users carry their last-seen time when known. */
    public Mono<List<UserPresence>> getStatuses(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        return blocking.call(() -> {
            Map<String, OffsetDateTime> seen = users.lastSeen(ids.stream().filter(id -> store.status(id).isEmpty()).toList());
            return ids.stream()
                    .map(id -> store.status(id)
                            .map(status -> new UserPresence(id, status, null))
                            .orElseGet(() -> new UserPresence(id, OFFLINE, seen.get(id))))
                    .toList();
        });
    }

    /** Whether the user has a connection now (a user in the grace period has none, but still shows online). */
    public boolean isConnected(String userId) {
        return store.connections(userId) > 0;
    }

    public Set<String> getOnlineUsers() {
        return store.onlineUsers();
    }

    /** Records that the user did something, for "active N minutes ago" displays. */
    public void trackUserActivity(String userId) {
        lastActivity.put(userId, Times.now());
    }

    public OffsetDateTime lastActivity(String userId) {
        return lastActivity.get(userId);
    }

    /** The grace period ended: offline unless the user came back, last seen when the last connection closed. */
    private void expire(String userId, OffsetDateTime lastSeenAt) {
        synchronized (lock(userId)) {
            goingOffline.remove(userId);
            if (!store.removeIfIdle(userId)) {
                return;
            }
        }
        lastActivity.remove(userId);
        // Stored before it is announced, so a client that asks after the event reads the new value.
        blocking.run(() -> users.updateLastSeen(userId, lastSeenAt))
                .doOnError(error -> log.warn("could not store last-seen time of user {}", userId, error))
                .onErrorResume(error -> Mono.empty())
                .subscribe(null, null, () -> publish(new UserOffline(userId, lastSeenAt)));
    }

    private void publish(DomainEvent event) {
        if (event != null) {
            publisher.publishEvent(event);
        }
    }

    private Object lock(String userId) {
        return locks[Math.floorMod(userId.hashCode(), STRIPES)];
    }

}
