package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * A value of the wrong JSON type is refused, not converted: REST answers what the socket gateway answers for the
 * same fields, word for word, and stores nothing.
 */
interface StrictTypesContract extends ApiFixture {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "message:send | \"text\": 5                        | text: must be a string",
            "message:send | \"text\": true                     | text: must be a string",
            "message:send | \"text\": {\"a\": 1}               | text: must be a string",
            "message:send | \"text\": [\"hi\"]                 | text: must be a string",
            "message:send | \"text\": \"hi\", \"clientMessageId\": 7 | clientMessageId: must be a string",
            "message:read | \"seq\": \"1\"                     | seq: must be an integer",
            "message:read | \"seq\": 1.5                       | seq: must be an integer",
            "message:read | \"seq\": 1.0                       | seq: must be an integer",
            "message:read | \"seq\": true                      | seq: must be an integer",
            "message:read | \"seq\": 9223372036854775808       | seq: must be an integer",
            "message:delivered | \"seq\": \"0\"                | seq: must be an integer"})
    default void wrongJsonType_restAndSocket_sameValidationFailure(String event, String fields, String expected) {
        TestUser alice = register("alice");
        String chat = group(alice);
        send(alice, chat, "one");
        String path = "/api/chats/" + chat + switch (event) {
            case "message:send" -> "/messages";
            case "message:read" -> "/read";
            default -> "/delivered";
        };

        Response rest = api().sendRaw("POST", path, alice.token(), "{" + fields + "}");
        JsonNode ack;
        try (RawSocket socket = RawSocket.connect(port(), alice.token())) {
            ack = socket.ack(event, "{\"chatId\": \"" + chat + "\", " + fields + "}");
        }

        assertThat(ack.path("error").path("code").asString()).as("socket: %s", ack).isEqualTo("VALIDATION_FAILED");
        assertThat(ack.path("error").path("message").asString()).isEqualTo(expected);
        assertThat(rest.status()).as("rest: %s", rest).isEqualTo(400);
        assertThat(rest.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(rest.errorMessage()).isEqualTo(expected);
        assertThat(history(alice, chat)).hasSize(1);
        assertThat(member(api().get("/api/chats/" + chat, alice.token()), alice.id()).path("lastReadSeq").asLong())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\": 5, \"memberIds\": []}                    | type: must be a string",
            "{\"type\": \"group\", \"title\": 7, \"memberIds\": []} | title: must be a string",
            "{\"type\": \"group\", \"memberIds\": \"someone\"}    | memberIds: must be an array",
            "{\"type\": \"group\", \"memberIds\": [\"a\", 5]}    | memberIds[1]: must be a string",
            "[]                                                  | body: must be an object"})
    default void createChat_wrongJsonType_badRequestNamingField(String body, String expected) {
        TestUser alice = register("alice");

        Response response = api().sendRaw("POST", "/api/chats", alice.token(), body);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.errorMessage()).isEqualTo(expected);
        assertThat(api().get("/api/chats", alice.token()).body().path("items")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"username\": 12345, \"password\": \"correct-horse\"} | username: must be a string",
            "{\"username\": \"num_pw\", \"password\": 12345678}    | password: must be a string"})
    default void auth_numberForString_badRequestNamingField(String body, String expected) {
        List<Response> answers = List.of(api().sendRaw("POST", "/api/auth/register", null, body),
                api().sendRaw("POST", "/api/auth/login", null, body));

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.status()).as("%s", response).isEqualTo(400);
            assertThat(response.errorMessage()).isEqualTo(expected);
        });
        assertThat(api().post("/api/auth/login", null, json("username", "num_pw", "password", "12345678")).status())
                .isEqualTo(401);
    }
}
