package dev.realtime.api;

import dev.realtime.testing.H2Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on an H2 file database in PostgreSQL mode, the embedded default. */
class H2ApiIT extends ApiContract {

    private static final String URL = H2Files.newDatabaseUrl("H2ApiIT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }
}
