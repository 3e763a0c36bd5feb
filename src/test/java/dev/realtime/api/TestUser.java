package dev.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A user registered through the API, with the token it got back. */
record TestUser(String id, String username, String token) {

    static final String PASSWORD = "correct-horse-battery";

    /** Registers {@code <prefix>_<random>}, so every test has users of its own. */
    static TestUser register(ApiClient api, String prefix) {
        return of(api.post("/api/auth/register", null,
                json("username", prefix + "_" + unique(), "password", PASSWORD)));
    }

    /** The user of a 201 answer to register. */
    static TestUser of(Response registered) {
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        JsonNode user = registered.body().path("user");
        return new TestUser(user.path("id").asString(), user.path("username").asString(), registered.text("token"));
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A JSON object from name/value pairs; values may be null. */
    static Map<String, Object> json(Object... pairs) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            object.put((String) pairs[i], pairs[i + 1]);
        }
        return object;
    }
}
