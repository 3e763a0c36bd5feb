package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member removed while one of their sockets joins the chat's room must end up outside the room, whichever of the
 * two the server handles first: the race is run many times, each round ending with a message the removed member
 * must not receive. Runs in the gateway tests' one application context.
 */
class MembershipRaceIT extends GatewayContext {

    private static final int ROUNDS = 200;

    private final ExecutorService racers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopRacers() {
        racers.shutdownNow();
    }

    @Test
    void joinRacingRemoval_manyRounds_removedSocketNeverReceivesTheChat() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);

        for (int round = 1; round <= ROUNDS; round++) {
            Map<String, Object> joined = race(bobSocket, alice, bob, chat);
            String probe = "probe " + round;
            assertThat(api.call("POST", "/api/chats/" + chat + "/messages", alice, Map.of("text", probe)).status())
                    .isEqualTo(201);
            // Bob is added back; his chat:created is sent after the probe's message:new would have been.
            assertThat(api.call("POST", "/api/chats/" + chat + "/members", alice,
                    Map.of("userIds", List.of(bob.id()))).status()).isEqualTo(200);
            int expected = round;
            await().atMost(GatewaySupport.TIMEOUT)
                    .until(() -> bobSocket.received("chat:created").size() >= expected);

            assertThat(bobSocket.received("message:new"))
                    .as("round %d, join answered %s", round, joined)
                    .noneSatisfy(event -> assertThat(GatewaySupport.map(event.get("message")))
                            .containsEntry("text", probe));
        }
    }

    /** Bob's socket joins the chat while Alice removes Bob, both let go at the same moment. */
    private Map<String, Object> race(Client bobSocket, User alice, User bob, String chat) {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Map<String, Object>> join = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return bobSocket.ack("chat:join", object("chatId", chat));
        }, racers);
        CompletableFuture<Integer> removal = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return api.call("DELETE", "/api/chats/" + chat + "/members/" + bob.id(), alice, null).status();
        }, racers);
        go.countDown();
        assertThat(GatewaySupport.result(removal)).isEqualTo(200);
        return GatewaySupport.result(join);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
