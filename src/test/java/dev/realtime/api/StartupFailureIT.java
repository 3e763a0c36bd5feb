package dev.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.H2Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A misconfigured start ends with Spring Boot's one-paragraph description of what is wrong and what to do, not
 * with the cause repeated in stack traces; a good start says where the server answers.
 */
class StartupFailureIT {

    @Test
    void secondServerOnTheSameEmbeddedDatabase_saysTheDatabaseIsInUse() {
        String url = H2Files.newDatabaseUrl("StartupFailureIT");
        try (ServerProcess first = ServerProcess.start("startup-first", List.of("--spring.datasource.url=" + url))) {
            String second = ServerProcess.runUntilExit("startup-second", List.of("--spring.datasource.url=" + url));

            assertThat(second).contains("APPLICATION FAILED TO START")
                    .contains("The embedded H2 database is in use by another process")
                    .contains("--spring.datasource.url=jdbc:h2:file:./data/second");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void jwtSecretTooShort_saysWhichSettingAndWhy_withoutPrintingIt() {
        String secret = "short-secret-" + TestUser.unique();

        String output = ServerProcess.runUntilExit("startup-short-secret", List.of(
                "--spring.datasource.url=" + H2Files.newDatabaseUrl("StartupFailureIT"),
                "--realtime.jwt.secret=" + secret));

        assertThat(output).contains("APPLICATION FAILED TO START").contains("realtime.jwt.secret")
                .contains("HS256 needs at least 32 bytes").doesNotContain(secret);
    }

    @Test
    void goodStart_printsWhereRestAndSocketIoAnswer() {
        try (ServerProcess server = ServerProcess.start("startup-good", List.of(
                "--spring.datasource.url=" + H2Files.newDatabaseUrl("StartupFailureIT")))) {
            String log = server.logText();

            assertThat(log).contains("realtime-server ready: REST http://localhost:" + server.port() + "/api, "
                    + "Socket.IO http://localhost:" + server.port() + "/socket.io/");
        }
    }
}
