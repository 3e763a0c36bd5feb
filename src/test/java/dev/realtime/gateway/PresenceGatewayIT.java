package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.eventually;
import static dev.realtime.gateway.GatewaySupport.first;
import static dev.realtime.gateway.GatewaySupport.items;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Response;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.presence.PresenceStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Presence: online on a user's first connection, offline after the grace period, away by presence:update. */
class PresenceGatewayIT extends GatewayContext {

    @Autowired
    PresenceStore presenceStore;

    @Test
    void connect_firstConnection_presenceOnlineToContactsOnly() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User dave = api.register("dave");
        User erin = api.register("erin");
        api.group(alice, bob);
        api.group(dave, erin);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client daveSocket = api.connected(Transport.WEBSOCKET, dave);

        api.connected(Transport.WEBSOCKET, alice);
        Map<String, Object> online = first(bobSocket, "presence:online");
        api.connected(Transport.WEBSOCKET, erin);

        assertThat(online).isEqualTo(Map.of("userId", alice.id(), "status", "online"));
        assertThat(first(daveSocket, "presence:online")).isEqualTo(Map.of("userId", erin.id(), "status", "online"));
    }

    @Test
    void connect_secondConnectionOfSameUser_notAnnouncedAgain() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        api.group(alice, bob);
        api.group(bob, carol);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        api.connected(Transport.POLLING, alice);
        eventually().until(() -> presenceStore.connections(alice.id()).join() == 2);
        api.connected(Transport.WEBSOCKET, carol);

        assertThat(received(bobSocket, "presence:online", 2)).containsExactly(
                Map.of("userId", alice.id(), "status", "online"), Map.of("userId", carol.id(), "status", "online"));
    }

    @Test
    void disconnect_oneOfTwoConnections_userStaysOnline() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        api.group(alice, bob);
        api.group(bob, carol);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client aliceFirst = api.connected(Transport.WEBSOCKET, alice);
        api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        aliceFirst.close();
        eventually().until(() -> presenceStore.connections(alice.id()).join() == 1);
        api.goOnlineAndOffline(carol, bobSocket);

        assertThat(first(bobSocket, "presence:offline")).containsEntry("userId", carol.id());
        assertThat(items(api.presence(bob, alice))).extracting("userId", "status")
                .containsExactly(tuple(alice.id(), "online"));
    }

    @Test
    void disconnect_lastConnection_presenceOfflineAfterGracePeriodToContactsOnly() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User dave = api.register("dave");
        User erin = api.register("erin");
        api.group(alice, bob);
        api.group(dave, erin);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client daveSocket = api.connected(Transport.WEBSOCKET, dave);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        Instant closedAt = Instant.now();
        aliceSocket.close();
        Map<String, Object> offline = first(bobSocket, "presence:offline");
        Instant observedAt = Instant.now();
        api.goOnlineAndOffline(erin, daveSocket);

        assertThat(offline).containsOnlyKeys("userId", "lastSeenAt").containsEntry("userId", alice.id());
        OffsetDateTime lastSeenAt = OffsetDateTime.parse((String) offline.get("lastSeenAt"));
        assertThat(lastSeenAt.toInstant()).isBetween(closedAt.truncatedTo(ChronoUnit.MICROS), observedAt);
        assertThat(first(daveSocket, "presence:offline")).containsEntry("userId", erin.id());
        eventually().untilAsserted(() -> assertThat(items(api.presence(bob, alice))).singleElement()
                .satisfies(item -> {
                    assertThat(item).containsEntry("userId", alice.id()).containsEntry("status", "offline");
                    assertThat(OffsetDateTime.parse((String) item.get("lastSeenAt"))).isEqualTo(lastSeenAt);
                }));
    }

    @Test
    void reconnect_withinGracePeriod_noPresenceOfflineAndNoNewAnnouncement() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        api.group(alice, bob);
        api.group(bob, carol);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client aliceBefore = api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");
        Client aliceAfter = api.client(Transport.WEBSOCKET, Map.of("token", alice.token()), Map.of());

        aliceBefore.close();
        eventually().until(() -> presenceStore.connections(alice.id()).join() == 0);
        aliceAfter.connect().awaitConnected();
        api.goOnlineAndOffline(carol, bobSocket);

        assertThat(first(bobSocket, "presence:offline")).containsEntry("userId", carol.id());
        assertThat(bobSocket.received("presence:online")).filteredOn("userId", alice.id()).hasSize(1);
        assertThat(items(api.presence(bob, alice))).extracting("userId", "status")
                .containsExactly(tuple(alice.id(), "online"));
    }

    @Test
    void presenceUpdate_away_announcedToContactsAndShownByRest() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        User dave = api.register("dave");
        User erin = api.register("erin");
        api.group(alice, bob, carol);
        api.group(dave, erin);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client daveSocket = api.connected(Transport.WEBSOCKET, dave);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        Map<String, Object> updated = aliceSocket.ack("presence:update", object("status", "away"));
        List<Map<String, Object>> announced = received(bobSocket, "presence:online", 2);
        api.connected(Transport.WEBSOCKET, erin);

        assertThat(updated).isEqualTo(Map.of("ok", true, "status", "away"));
        assertThat(announced).containsExactly(Map.of("userId", alice.id(), "status", "online"),
                Map.of("userId", alice.id(), "status", "away"));
        assertThat(first(daveSocket, "presence:online")).containsEntry("userId", erin.id());
        Response presence = api.presence(bob, alice, bob, carol);
        assertThat(presence.body()).containsEntry("hasMore", false);
        assertThat(items(presence)).extracting("userId", "status", "lastSeenAt").containsExactly(
                tuple(alice.id(), "away", null), tuple(bob.id(), "online", null), tuple(carol.id(), "offline", null));
    }
}
