package dev.realtime.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API contract on the PostgreSQL server of this machine, in a schema of its own that lives as long as the
 * class. Skipped when PostgreSQL is not reachable, except on CI.
 */
class PostgresApiIT extends ApiContract {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema.register(registry, () -> schema.url());
    }
}
