package dev.realtime.api;

import static dev.realtime.api.TestUser.PASSWORD;
import static dev.realtime.api.TestUser.json;
import static dev.realtime.api.TestUser.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Registration, login, bearer tokens, the user profiles and the error answers of routes that do not exist. */
interface AuthContract extends ApiFixture {

    @Test
    default void register_newUsername_createdWithUserAndWorkingToken() {
        String username = "alice_" + unique();

        Response registered = api().post("/api/auth/register", null,
                json("username", username, "password", PASSWORD, "displayName", "Alice A."));

        assertThat(registered.status()).isEqualTo(201);
        JsonNode user = registered.body().path("user");
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "username", "displayName", "createdAt");
        assertThat(user.path("username").asString()).isEqualTo(username);
        assertThat(user.path("displayName").asString()).isEqualTo("Alice A.");
        Response me = api().get("/api/users/me", registered.text("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(user.path("id").asString());
    }

    @Test
    default void register_usernameTakenInAnotherCase_conflict() {
        TestUser alice = register("alice");

        Response again = api().post("/api/auth/register", null,
                json("username", alice.username().toUpperCase(Locale.ROOT), "password", PASSWORD));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("CONFLICT");
        assertThat(again.errorMessage()).startsWith("username");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ab", "has space", "semi;colon", "abcdefghijklmnopqrstuvwxyz0123456"})
    default void register_invalidUsername_badRequestNamingUsername(String username) {
        Response response = api().post("/api/auth/register", null, json("username", username, "password", PASSWORD));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.errorMessage()).startsWith("username:");
    }

    static Stream<String> invalidPasswords() {
        return Stream.of(null, "", "seven77", "\u00c4".repeat(37));
    }

    @ParameterizedTest
    @MethodSource("dev.realtime.api.AuthContract#invalidPasswords")
    default void register_invalidPassword_badRequestNamingPassword(String password) {
        Response response = api().post("/api/auth/register", null,
                json("username", "pw_" + unique(), "password", password));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.errorMessage()).startsWith("password:");
    }

    @Test
    default void register_malformedJson_badRequest() {
        Response response = api().sendRaw("POST", "/api/auth/register", null, "{\"username\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    default void login_rightPasswordUsernameInAnotherCase_okWithWorkingToken() {
        TestUser alice = register("alice");

        Response login = api().post("/api/auth/login", null,
                json("username", alice.username().toUpperCase(Locale.ROOT), "password", PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("user").path("id").asString()).isEqualTo(alice.id());
        Response me = api().get("/api/users/me", login.text("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo(alice.username());
    }

    @Test
    default void login_wrongPassword_unauthorized() {
        TestUser alice = register("alice");

        Response login = api().post("/api/auth/login", null,
                json("username", alice.username(), "password", PASSWORD + "-wrong"));

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(login.body().has("token")).isFalse();
    }

    @Test
    default void login_unknownUsername_unauthorized() {
        Response login = api().post("/api/auth/login", null,
                json("username", "nobody_" + unique(), "password", PASSWORD));

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    default void mintedToken_serverSecretAndValidClaims_accepted() {
        TestUser alice = register("alice");

        Response me = api().get("/api/users/me", TestTokens.valid(alice.id()));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(alice.id());
    }

    @Test
    default void ownTokenOfNoUser_unauthorizedLikeABadToken() {
        String orphan = TestTokens.valid(UUID.randomUUID().toString());

        List<Response> answers = List.of(api().get("/api/users/me", orphan), api().get("/api/chats", orphan));

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
        });
    }

    enum Credential {
        NONE, MALFORMED, UNSIGNED, FORGED, EXPIRED;

        String token(String subject) {
            return switch (this) {
                case NONE -> null;
                case MALFORMED -> "not-a-jwt";
                case UNSIGNED -> TestTokens.unsigned(subject);
                case FORGED -> TestTokens.forged(subject);
                case EXPIRED -> TestTokens.expired(subject);
            };
        }
    }

    record Route(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> protectedRoutes() {
        String chat = "/api/chats/" + UUID.randomUUID();
        String message = "/api/messages/" + UUID.randomUUID();
        List<Route> routes = List.of(
                new Route("GET", "/api/users/me", null),
                new Route("GET", "/api/users/" + UUID.randomUUID(), null),
                new Route("POST", "/api/chats", Map.of("type", "group", "memberIds", List.of())),
                new Route("GET", "/api/chats", null),
                new Route("GET", chat, null),
                new Route("POST", chat + "/members", Map.of("userIds", List.of(UUID.randomUUID().toString()))),
                new Route("DELETE", chat + "/members/" + UUID.randomUUID(), null),
                new Route("POST", chat + "/messages", Map.of("text", "hello")),
                new Route("GET", chat + "/messages", null),
                new Route("POST", chat + "/read", Map.of("seq", 1)),
                new Route("POST", chat + "/delivered", Map.of("seq", 1)),
                new Route("PATCH", message, Map.of("text", "edited")),
                new Route("DELETE", message, null));
        return routes.stream().flatMap(route -> Arrays.stream(Credential.values()).map(c -> Arguments.of(route, c)));
    }

    @ParameterizedTest(name = "{0} with {1} token")
    @MethodSource("dev.realtime.api.AuthContract#protectedRoutes")
    default void protectedRoute_missingOrBadToken_unauthorizedInErrorFormat(Route route, Credential credential) {
        String token = credential.token(UUID.randomUUID().toString());

        Response response = api().send(route.method(), route.path(), token, route.body());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().propertyNames()).containsExactly("error");
        assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(response.errorMessage()).isNotBlank();
    }

    @Test
    default void me_validToken_ownProfile() {
        TestUser alice = register("alice");

        Response me = api().get("/api/users/me", alice.token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(alice.id());
        assertThat(me.text("username")).isEqualTo(alice.username());
        assertThat(me.text("displayName")).isEqualTo(alice.username());
        assertThat(me.text("createdAt")).isNotBlank();
    }

    @Test
    default void byId_otherUser_publicProfileOnly() {
        TestUser alice = register("alice");
        TestUser bob = register("bob");

        Response found = api().get("/api/users/" + bob.id(), alice.token());

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("username")).isEqualTo(bob.username());
        assertThat(found.body().propertyNames()).containsExactlyInAnyOrder("id", "username", "displayName",
                "createdAt");
    }

    @Test
    default void byId_unknownId_notFound() {
        TestUser alice = register("alice");

        Response found = api().get("/api/users/" + UUID.randomUUID(), alice.token());

        assertThat(found.status()).isEqualTo(404);
        assertThat(found.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    default void unknownRoute_notFoundInErrorFormat() {
        TestUser alice = register("alice");

        Response underApi = api().get("/api/nothing/here", alice.token());
        Response outsideApi = api().get("/nothing/here", null);

        assertThat(List.of(underApi, outsideApi)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().propertyNames()).containsExactly("error");
            assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
        });
    }

    @Test
    default void knownPathWrongMethod_methodNotAllowedListingTheMethods() {
        TestUser alice = register("alice");

        Response response = api().send("PUT", "/api/users/me", alice.token(), json("username", "x"));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    default void bodyNotJson_unsupportedMediaType_nothingCreated() {
        TestUser alice = register("alice");

        Response response = api().sendRaw("POST", "/api/chats", alice.token(), "type=group&title=form",
                "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(api().get("/api/chats", alice.token()).body().path("items")).isEmpty();
    }
}
