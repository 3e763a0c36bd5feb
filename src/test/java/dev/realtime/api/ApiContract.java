package dev.realtime.api;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The REST API's contract, run against the whole application on a random port over real HTTP, once per database
 * ({@link H2ApiIT}, {@link PostgresApiIT}). The tests themselves are in the contracts this class implements, one
 * per part of the API. Every test registers users of its own, so tests share a context but never data. The send
 * and per-address failed-password limits are lifted here so they cannot interfere; {@link RateLimitIT} and
 * {@link AuthLimitIT} cover them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + TestTokens.SECRET,
        "realtime.limits.messages-per-second=1000000",
        "realtime.limits.message-burst=1000000",
        "realtime.limits.auth-failures-per-second=1000000",
        "realtime.limits.auth-failure-burst=1000000"})
@Import(DomainEventRecorder.class)
@DirtiesContext
abstract class ApiContract
        implements AuthContract, ChatContract, SendContract, HistoryContract, DomainEventContract,
        ParameterContract, TextContract, StrictTypesContract, VisibleTextContract,
        PresenceContract, KeepAliveContract, UserSearchContract, GroupOwnerContract, ChatCursorContract {

    /** The contexts {@link #warmUp()} has run in. */
    private static final Set<ApplicationContext> WARM = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    int port;

    @Autowired
    DomainEventRecorder recorder;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient database;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        if (WARM.add(context)) {
            warmUp();
        }
    }

    /**
     * Once per context, one request of each body type that tests later send concurrently. Jackson 3 builds a type's
     * deserializer under a ReentrantLock the first time it meets the type; two event loops doing that at the same
     * moment park, and BlockHound (armed in every test JVM) fails that request. That is a framework first-use
     * effect, not the behaviour under test, so it must not depend on which test happens to run first.
     */
    private void warmUp() {
        TestUser user = register("warmup");
        send(user, group(user), "warm-up");
    }

    @Override
    public ApiClient api() {
        return api;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void setLastActivity(String chatId, OffsetDateTime at) {
        database.sql("UPDATE chats SET last_activity_at = ? WHERE id = ?").params(at, chatId).update();
    }

    @Override
    public DomainEventRecorder recorder() {
        return recorder;
    }
}
