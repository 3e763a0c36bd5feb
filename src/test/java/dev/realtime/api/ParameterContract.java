package dev.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Query parameters and paths the API cannot use: 400 in the error format, naming what was wrong. */
interface ParameterContract extends ApiFixture {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "limit=abc, limit",
            "limit=1.5, limit",
            "afterSeq=9223372036854775808, afterSeq",
            "beforeSeq=x, beforeSeq"})
    default void history_unparsableNumber_badRequestNamingTheParameter(String query, String parameter) {
        TestUser alice = register("alice");
        String chat = group(alice);

        Response response = api().get("/api/chats/" + chat + "/messages?" + query, alice.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.errorMessage()).startsWith(parameter + ": must be an integer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/chats?limit=ten", "/api/chats?limit=99999999999"})
    default void chats_unparsableLimit_badRequestNamingLimit(String path) {
        TestUser alice = register("alice");

        Response response = api().get(path, alice.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).startsWith("limit: must be an integer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/presence", "/api/presence?other=1"})
    default void presence_userIdsMissing_badRequestNamingUserIds(String path) {
        TestUser alice = register("alice");

        Response response = api().get(path, alice.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.errorMessage()).isEqualTo("userIds: is required");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/chats/a%3Bb", "/api/chats/a;b", "/api/chats/a%00b", "/api/users/a%2Fb",
            "/api/messages/x%3b"})
    default void path_withEncodedSeparatorOrNul_badRequestInErrorFormat(String path) {
        TestUser alice = register("alice");

        Response response = api().get(path, alice.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().propertyNames()).containsExactly("error");
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.errorMessage()).startsWith("path: ");
    }
}
