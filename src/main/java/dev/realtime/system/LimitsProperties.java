package dev.realtime.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.limits.*}: what one user or request may do.
 *
 * @param maxTextLength       characters in one message
 * @param maxGroupMembers     members of one group chat
 * @param maxHistoryPage      messages (or chats) in one page of a list
 * @param defaultPage         messages (or chats) in a page when the request does not say
 * @param messagesPerSecond   sustained message sends per user (token bucket refill)
 * @param messageBurst        message sends a user may make at once (token bucket size)
 * @param blockingThreads     threads for JDBC
 * @param blockingQueue       waiting tasks before new work is refused with 429
 * @param hashingThreads      password hashes (BCrypt) running at once; 0: half the processors, at least one
 * @param hashingQueue        hashes waiting for a thread before another is refused with 429
 * @param authFailuresPerSecond sustained failed logins and registrations per client address (token bucket refill)
 * @param authFailureBurst    failed logins and registrations a client address may make at once (bucket size)
 * @param loginAttemptsPerSecond sustained logins per username from one client address
 * @param loginAttemptBurst   logins per username a client address may make at once
 * @param eventsPerSecond     sustained Socket.IO events per connection, every event name counted (bucket refill)
 * @param eventsBurst         events a connection may send at once (bucket size); above the most a socket may have
 *                            pending ({@code realtime.gateway.pending-per-socket}), so a client flushing its
 *                            offline buffer is refused by neither
 * @param eventsRefusedBeforeDisconnect events refused within {@code eventsRefusalWindow} after which the socket is
 *                            taken for abusive and disconnected
 * @param eventsRefusalWindow the window those refusals are counted in
 * @param connectionsPerUser  sockets one user may have connected to one node at once
 * @param chatsPerSocket      chats one socket may have joined at once
 * @param handshakesPerSecond sustained Engine.IO handshakes (new sessions) per client address; 0 turns the limit off
 * @param handshakeBurst      handshakes a client address may make at once
 */
@ConfigurationProperties("realtime.limits")
public record LimitsProperties(
        @DefaultValue("4000") int maxTextLength,
        @DefaultValue("500") int maxGroupMembers,
        @DefaultValue("200") int maxHistoryPage,
        @DefaultValue("50") int defaultPage,
        @DefaultValue("20") double messagesPerSecond,
        @DefaultValue("50") int messageBurst,
        @DefaultValue("16") int blockingThreads,
        @DefaultValue("2000") int blockingQueue,
        @DefaultValue("0") int hashingThreads,
        @DefaultValue("32") int hashingQueue,
        @DefaultValue("0.5") double authFailuresPerSecond,
        @DefaultValue("30") int authFailureBurst,
        @DefaultValue("0.2") double loginAttemptsPerSecond,
        @DefaultValue("10") int loginAttemptBurst,
        @DefaultValue("50") double eventsPerSecond,
        @DefaultValue("300") int eventsBurst,
        @DefaultValue("100") int eventsRefusedBeforeDisconnect,
        @DefaultValue("10s") Duration eventsRefusalWindow,
        @DefaultValue("20") int connectionsPerUser,
        @DefaultValue("500") int chatsPerSocket,
        @DefaultValue("50") double handshakesPerSecond,
        @DefaultValue("500") int handshakeBurst) {

    public LimitsProperties {
        if (maxTextLength < 1 || maxTextLength > 100_000) {
            throw new IllegalArgumentException("realtime.limits.max-text-length must be within 1..100000");
        }
        if (defaultPage < 1 || defaultPage > maxHistoryPage) {
            throw new IllegalArgumentException("realtime.limits.default-page must be within 1..max-history-page");
        }
        if (hashingThreads < 0 || hashingQueue < 1) {
            throw new IllegalArgumentException("realtime.limits.hashing-threads must be >= 0 and hashing-queue >= 1");
        }
        if (eventsPerSecond <= 0 || eventsBurst < 1 || eventsRefusedBeforeDisconnect < 1
                || eventsRefusalWindow.isNegative() || eventsRefusalWindow.isZero()) {
            throw new IllegalArgumentException("realtime.limits.events-per-second, events-burst, "
                    + "events-refused-before-disconnect and events-refusal-window must be positive");
        }
        if (connectionsPerUser < 1 || chatsPerSocket < 1) {
            throw new IllegalArgumentException("realtime.limits.connections-per-user and chats-per-socket must be >= 1");
        }
        if (handshakesPerSecond < 0 || handshakeBurst < 1) {
            throw new IllegalArgumentException("realtime.limits.handshakes-per-second must be >= 0 (0: off) and "
                    + "handshake-burst >= 1");
        }
        // BCrypt is pure CPU: more hashes at once than half the cores would take the rest from every other request.
        if (hashingThreads == 0) {
            hashingThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }
}
