package dev.realtime.api;

import dev.realtime.testing.H2Files;
import static dev.realtime.api.TestUser.PASSWORD;
import static dev.realtime.api.TestUser.json;
import static dev.realtime.api.TestUser.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.api.ApiClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Password hashing runs on its own small executor, here one thread and one waiting task, so a flood of logins
 * cannot take every core from the rest of the server: the hash beyond that is refused with 429 at once. The
 * encoder is the real one behind a gate the test holds closed, so which hashes are running, waiting or refused
 * does not depend on timing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + TestTokens.SECRET,
        "realtime.limits.hashing-threads=1",
        "realtime.limits.hashing-queue=1"})
@DirtiesContext
class HashingLimitIT {

    private static final String URL = H2Files.newDatabaseUrl("HashingLimitIT");
    private static final GatedEncoder ENCODER = new GatedEncoder();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    @TestBean
    PasswordEncoder passwordEncoder;

    static PasswordEncoder passwordEncoder() {
        return ENCODER;
    }

    @LocalServerPort
    int port;

    @Test
    void login_moreHashesThanThreadAndQueue_refusedAtOnceWithRateLimited() {
        ApiClient api = new ApiClient(port);
        // One login first: Jackson builds its reader for a body type on first use, under a lock concurrent first
        // requests would park on (see ApiContract#warmUp); that is not what this test is about.
        assertThat(api.post("/api/auth/login", null, json("username", "warm_" + unique(), "password", PASSWORD))
                .status()).isEqualTo(401);
        ENCODER.close();
        try {
            CompletableFuture<Response> running = login(port);
            await().atMost(Duration.ofSeconds(10)).until(() -> ENCODER.inside.get() == 1);

            List<CompletableFuture<Response>> more = List.of(login(port), login(port));
            CompletableFuture<Response> refused = await().atMost(Duration.ofSeconds(10))
                    .until(() -> more.stream().filter(CompletableFuture::isDone).findFirst().orElse(null),
                            done -> done != null);
            CompletableFuture<Response> waiting = more.get(0) == refused ? more.get(1) : more.get(0);

            assertThat(refused.join().status()).as("%s", refused.join()).isEqualTo(429);
            assertThat(refused.join().errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(ENCODER.inside.get()).as("hashes running").isEqualTo(1);
            assertThat(running).isNotDone();
            assertThat(waiting).isNotDone();
            ENCODER.open();
            assertThat(List.of(running.join(), waiting.join())).extracting(Response::status).containsOnly(401);
            Response after = api.post("/api/auth/register", null, json("username", "after_" + unique(),
                    "password", PASSWORD));
            assertThat(after.status()).as("hashing serves again once the flood is gone: %s", after).isEqualTo(201);
        } finally {
            ENCODER.open();
        }
    }

    private static CompletableFuture<Response> login(int port) {
        return new ApiClient(port).sendAsync("POST", "/api/auth/login", null,
                json("username", "nobody_" + unique(), "password", PASSWORD));
    }

    /** BCrypt (at its cheapest cost) that, while closed, holds every hash at its start. */
    static final class GatedEncoder implements PasswordEncoder {
        private final PasswordEncoder real = new BCryptPasswordEncoder(4);
        private final AtomicInteger inside = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public String encode(CharSequence raw) {
            pass();
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            pass();
            return real.matches(raw, encoded);
        }

        private void pass() {
            inside.incrementAndGet();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }
}
