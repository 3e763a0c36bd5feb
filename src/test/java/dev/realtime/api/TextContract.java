package dev.realtime.api;

import static dev.realtime.api.TestUser.PASSWORD;
import static dev.realtime.api.TestUser.json;
import static dev.realtime.api.TestUser.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text the databases cannot hold as sent, a NUL character or an unpaired UTF-16 surrogate, is refused on every
 * input with 400 VALIDATION_FAILED naming the field, and nothing is stored: on H2 and PostgreSQL alike, over REST
 * and over the socket. Bodies are written with every non-ASCII character escaped, as browsers send a lone
 * surrogate ({@code "x\ud800y"}); a raw one would be turned into '?' by the client's UTF-8 encoder.
 */
interface TextContract extends ApiFixture {

    JsonMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** Sends the body as JSON with every non-ASCII character written as a \\u escape. */
    default Response escaped(String method, String path, String token, Map<String, Object> body) {
        return api().sendRaw(method, path, token, ESCAPING.writeValueAsString(body));
    }

    default void assertRefused(Response response, String field) {
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.errorMessage()).startsWith(field + ": must not contain");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"password", "displayName"})
    default void register_nulOrLoneSurrogate_refusedNamingFieldAndNoUser(String field) {
        String username = "text_" + unique();
        Map<String, Object> body = json("username", username, "password", PASSWORD, "displayName", "Ann");

        body.put(field, "pass\u0000word");
        Response nul = escaped("POST", "/api/auth/register", null, body);
        body.put(field, "pass\ud800word");
        Response surrogate = escaped("POST", "/api/auth/register", null, body);

        assertRefused(nul, field);
        assertRefused(surrogate, field);
        Response clean = api().post("/api/auth/register", null, json("username", username, "password", PASSWORD));
        assertThat(clean.status()).as("the refused attempts stored no user: %s", clean).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"username", "password"})
    default void login_nulOrLoneSurrogate_refusedNamingField(String field) {
        TestUser alice = register("alice");
        Map<String, Object> body = json("username", alice.username(), "password", PASSWORD);

        body.put(field, "a\u0000b");
        Response nul = escaped("POST", "/api/auth/login", null, body);
        body.put(field, "a\udc00b");
        Response surrogate = escaped("POST", "/api/auth/login", null, body);

        assertRefused(nul, field);
        assertRefused(surrogate, field);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "clientMessageId"})
    default void send_nulOrLoneSurrogate_refusedAndNothingStored(String field) {
        TestUser alice = register("alice");
        String chat = group(alice);
        String messages = "/api/chats/" + chat + "/messages";
        Map<String, Object> body = json("text", "hello", "clientMessageId", "c-" + unique());

        body.put(field, "a\u0000b");
        Response nul = escaped("POST", messages, alice.token(), body);
        body.put(field, "x\ud800y");
        Response surrogate = escaped("POST", messages, alice.token(), body);

        assertRefused(nul, field);
        assertRefused(surrogate, field);
        assertThat(history(alice, chat)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] NUL, then a lone surrogate")
    @ValueSource(strings = {"a\u0000b", "x\ud800y"})
    default void edit_nulOrLoneSurrogate_refusedAndTextKept(String text) {
        TestUser alice = register("alice");
        String chat = group(alice);
        String id = send(alice, chat, "original").path("id").asString();

        Response edited = escaped("PATCH", "/api/messages/" + id, alice.token(), json("text", text));

        assertRefused(edited, "text");
        assertThat(history(alice, chat)).singleElement()
                .satisfies(m -> assertThat(m.path("text").asString()).isEqualTo("original"));
    }

    @ParameterizedTest(name = "[{index}] NUL, then a lone surrogate")
    @ValueSource(strings = {"a\u0000b", "x\ud800y"})
    default void chats_nulOrLoneSurrogateInTitleOrIds_refusedNamingField(String bad) {
        TestUser alice = register("alice");
        TestUser bob = register("bob");
        String chat = group(alice);

        Response title = escaped("POST", "/api/chats", alice.token(),
                json("type", "group", "title", bad, "memberIds", List.of(bob.id())));
        Response member = escaped("POST", "/api/chats", alice.token(),
                json("type", "group", "memberIds", List.of(bob.id(), bad)));
        Response added = escaped("POST", "/api/chats/" + chat + "/members", alice.token(),
                json("userIds", List.of(bad)));

        assertRefused(title, "title");
        assertRefused(member, "memberIds[1]");
        assertRefused(added, "userIds[0]");
        assertThat(api().get("/api/chats", bob.token()).body().path("items")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/presence?userIds=a%00b, userIds", "/api/chats?before=%00, before",
            "/api/chats/x/messages?afterSeq=1&limit=%00, limit"})
    default void query_nul_refusedNamingParameter(String path, String parameter) {
        TestUser alice = register("alice");

        Response response = api().get(path, alice.token());

        assertRefused(response, parameter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\\u0000b", "x\\ud800y"})
    default void socket_nulOrLoneSurrogate_validationFailedAndNothingStored(String escapedText) {
        TestUser alice = register("alice");
        String chat = group(alice);

        JsonNode send;
        JsonNode join;
        try (RawSocket socket = RawSocket.connect(port(), alice.token())) {
            send = socket.ack("message:send", "{\"chatId\":\"" + chat + "\",\"text\":\"" + escapedText + "\"}");
            join = socket.ack("chat:join", "{\"chatId\":\"" + escapedText + "\"}");
        }

        assertThat(send.path("ok").asBoolean()).as("%s", send).isFalse();
        assertThat(send.path("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(send.path("error").path("message").asString()).startsWith("text: must not contain");
        assertThat(join.path("error").path("message").asString()).as("%s", join)
                .startsWith("chatId: must not contain");
        assertThat(history(alice, chat)).isEmpty();
    }
}
