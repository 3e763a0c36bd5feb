package dev.realtime.api;

import static dev.realtime.api.TestUser.PASSWORD;
import static dev.realtime.api.TestUser.json;
import static dev.realtime.api.TestUser.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Text as people see it: a message of invisible characters only is empty, lengths count characters (code points),
 * not UTF-16 units, and names shown to others (display names, chat titles) carry no control or bidirectional
 * formatting characters. The socket gateway applies the same rules as REST.
 */
interface VisibleTextContract extends ApiFixture {

    String EMOJI = "\uD83D\uDE00";
    String BIDI_REFUSAL = "must not contain control or bidirectional formatting characters";

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"\u200B", "\u200C\u200D", "\u2060", "\uFEFF", " \u200B\n\t", "\u3164", "\uFE0F"})
    default void send_onlyInvisibleCharacters_refusedAsEmptyOnRestAndSocket(String text) {
        TestUser alice = register("alice");
        String chat = group(alice);
        String id = send(alice, chat, "visible").path("id").asString();

        Response rest = api().post("/api/chats/" + chat + "/messages", alice.token(), json("text", text));
        Response edit = api().patch("/api/messages/" + id, alice.token(), json("text", text));
        JsonNode ack;
        try (RawSocket socket = RawSocket.connect(port(), alice.token())) {
            ack = socket.ack("message:send", ApiClient.JSON.writeValueAsString(json("chatId", chat, "text", text)));
        }

        assertThat(List.of(rest, edit)).allSatisfy(response -> {
            assertThat(response.status()).as("%s", response).isEqualTo(400);
            assertThat(response.errorMessage()).isEqualTo("text: must not be empty");
        });
        assertThat(ack.path("error").path("message").asString()).as("%s", ack).isEqualTo("text: must not be empty");
        assertThat(history(alice, chat)).singleElement()
                .satisfies(m -> assertThat(m.path("text").asString()).isEqualTo("visible"));
    }

    @Test
    default void send_textWithZeroWidthJoinerInside_accepted() {
        TestUser alice = register("alice");
        String chat = group(alice);
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

        JsonNode sent = send(alice, chat, family);

        assertThat(sent.path("text").asString()).isEqualTo(family);
    }

    @Test
    default void send_emojiText_limitCountsCharactersOnRestAndSocket() {
        TestUser alice = register("alice");
        String chat = group(alice);
        String messages = "/api/chats/" + chat + "/messages";

        Response atLimit = api().post(messages, alice.token(), json("text", EMOJI.repeat(4000)));
        Response overLimit = api().post(messages, alice.token(), json("text", EMOJI.repeat(4001)));
        JsonNode socketAtLimit;
        JsonNode socketOverLimit;
        try (RawSocket socket = RawSocket.connect(port(), alice.token())) {
            socketAtLimit = socket.ack("message:send",
                    ApiClient.JSON.writeValueAsString(json("chatId", chat, "text", EMOJI.repeat(4000))));
            socketOverLimit = socket.ack("message:send",
                    ApiClient.JSON.writeValueAsString(json("chatId", chat, "text", EMOJI.repeat(4001))));
        }

        assertThat(atLimit.status()).as("%s", atLimit.body().path("error")).isEqualTo(201);
        assertThat(socketAtLimit.path("ok").asBoolean()).as("%s", socketAtLimit.path("error")).isTrue();
        assertThat(overLimit.status()).isEqualTo(400);
        assertThat(overLimit.errorMessage()).isEqualTo("text: at most 4000 characters");
        assertThat(socketOverLimit.path("error").path("message").asString()).isEqualTo(overLimit.errorMessage());
        assertThat(history(alice, chat)).hasSize(2).allSatisfy(m -> assertThat(m.path("text").asString())
                .isEqualTo(EMOJI.repeat(4000)));
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"Ann\u202Eevil", "\u202Aleft", "x\u202Cy", "\u2066isolate\u2069", "a\nb", "tab\there",
            "bell\u0007", "c1\u0085", "line\u2028break"})
    default void register_displayNameWithControlOrBidiFormatting_refused(String displayName) {
        String username = "disp_" + unique();

        Response response = api().post("/api/auth/register", null,
                json("username", username, "password", PASSWORD, "displayName", displayName));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.errorMessage()).isEqualTo("displayName: " + BIDI_REFUSAL);
        assertThat(api().post("/api/auth/login", null, json("username", username, "password", PASSWORD)).status())
                .isEqualTo(401);
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"\u05E9\u05DC\u05D5\u05DD \uD83D\uDC4B", "O\u2019Brien\u200F", "  Ann  "})
    default void register_displayNameInAnyScriptWithMarks_accepted(String displayName) {
        Response response = api().post("/api/auth/register", null,
                json("username", "disp_" + unique(), "password", PASSWORD, "displayName", displayName));

        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.body().path("user").path("displayName").asString()).isEqualTo(displayName.strip());
    }

    @Test
    default void register_displayNameLimitCountsCharacters() {
        Response atLimit = api().post("/api/auth/register", null,
                json("username", "disp_" + unique(), "password", PASSWORD, "displayName", EMOJI.repeat(64)));
        Response overLimit = api().post("/api/auth/register", null,
                json("username", "disp_" + unique(), "password", PASSWORD, "displayName", EMOJI.repeat(65)));

        assertThat(atLimit.status()).as("%s", atLimit).isEqualTo(201);
        assertThat(atLimit.body().path("user").path("displayName").asString()).isEqualTo(EMOJI.repeat(64));
        assertThat(overLimit.status()).isEqualTo(400);
        assertThat(overLimit.errorMessage()).isEqualTo("displayName: at most 64 characters");
    }

    @Test
    default void register_invisibleDisplayName_usernameShownInstead() {
        String username = "disp_" + unique();

        Response response = api().post("/api/auth/register", null,
                json("username", username, "password", PASSWORD, "displayName", "\u200B\u2060"));

        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.body().path("user").path("displayName").asString()).isEqualTo(username);
    }

    @Test
    default void createChat_titleRulesAsForDisplayNames() {
        TestUser alice = register("alice");

        Response bidi = api().post("/api/chats", alice.token(),
                json("type", "group", "title", "team\u202Egnp.exe", "memberIds", List.of()));
        Response emoji = api().post("/api/chats", alice.token(),
                json("type", "group", "title", EMOJI.repeat(128), "memberIds", List.of()));
        Response invisible = api().post("/api/chats", alice.token(),
                json("type", "group", "title", "\u200B", "memberIds", List.of()));

        assertThat(bidi.status()).isEqualTo(400);
        assertThat(bidi.errorMessage()).isEqualTo("title: " + BIDI_REFUSAL);
        assertThat(emoji.status()).as("%s", emoji).isEqualTo(201);
        assertThat(emoji.text("title")).isEqualTo(EMOJI.repeat(128));
        assertThat(invisible.status()).isEqualTo(201);
        assertThat(invisible.text("title")).isNull();
    }
}
