package dev.realtime.api;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The API contract on the PostgreSQL server of this machine, in a schema of its own that lives as long as the
 * class. Skipped when PostgreSQL is not reachable, except on CI.
 */
@TestExecutionListeners(listeners = PostgresApiIT.DropSchema.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresApiIT extends ApiContract {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema.register(registry, () -> schema.url());
    }

    /**
     * Drops the schema once the application is closed (listeners finish a class in reverse order, so the first is
     * the last): a JUnit {@code @AfterAll} runs before Spring closes the context, whose timers (presence grace,
     * last-seen) would then find the schema gone.
     */
    static final class DropSchema implements TestExecutionListener, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterTestClass(TestContext testContext) {
            if (schema != null) {
                schema.drop();
                schema = null;
            }
        }
    }
}
