package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"\"text\"", "42", "[1, 2]", "null", "true"})
    void of_firstArgumentNotAnObject_validationFailed(String json) {
        assertInvalid(() -> Payload.of(List.of(JSON.readTree(json))), "payload: must be an object");
    }

    @Test
    void of_noArgument_validationFailed() {
        assertInvalid(() -> Payload.of(List.of()), "payload: must be an object");
    }

    @Test
    void of_objectThenMore_firstOneIsThePayload() {
        Payload payload = Payload.of(List.of(node("{\"chatId\": \"c1\"}"), node("{\"chatId\": \"c2\"}")));

        assertThat(payload.requiredText("chatId")).isEqualTo("c1");
    }

    @Test
    void text_presentString_returnedAsSent() {
        Payload payload = payload("{\"chatId\": \"c-1\", \"text\": \"h\u00e9llo \ud83d\ude00\"}");

        assertThat(payload.requiredText("chatId")).isEqualTo("c-1");
        assertThat(payload.optionalText("text")).isEqualTo("h\u00e9llo \ud83d\ude00");
    }

    @Test
    void optionalText_absentOrNull_null() {
        Payload payload = payload("{\"clientMessageId\": null}");

        assertThat(payload.optionalText("clientMessageId")).isNull();
        assertThat(payload.optionalText("missing")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"chatId\": null}", "{\"chatId\": \"\"}"})
    void requiredText_absentNullOrEmpty_isRequired(String json) {
        assertInvalid(() -> payload(json).requiredText("chatId"), "chatId: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "{}", "[\"c\"]"})
    void text_notAString_mustBeAString(String value) {
        Payload payload = payload("{\"chatId\": " + value + "}");

        assertInvalid(() -> payload.requiredText("chatId"), "chatId: must be a string");
        assertInvalid(() -> payload.optionalText("chatId"), "chatId: must be a string");
    }

    @Test
    void text_nulOrLoneSurrogate_refusedAsUnstorable() {
        Payload payload = payload("{\"nul\": \"a\\u0000b\", \"surrogate\": \"a\\ud800b\"}");

        assertInvalid(() -> payload.requiredText("nul"), "nul: must not contain NUL characters");
        assertInvalid(() -> payload.optionalText("surrogate"),
                "surrogate: must not contain unpaired UTF-16 surrogates");
    }

    @Test
    void long_integer_returned() {
        Payload payload = payload("{\"seq\": 7, \"big\": 9223372036854775807, \"negative\": -1}");

        assertThat(payload.requiredLong("seq")).isEqualTo(7L);
        assertThat(payload.optionalLong("big")).isEqualTo(Long.MAX_VALUE);
        assertThat(payload.optionalLong("negative")).isEqualTo(-1L);
    }

    @Test
    void optionalLong_absentOrNull_null() {
        Payload payload = payload("{\"lastSeq\": null}");

        assertThat(payload.optionalLong("lastSeq")).isNull();
        assertThat(payload.optionalLong("missing")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "\"7\"", "true", "9223372036854775808", "[1]"})
    void long_notAnIntegerThatFitsALong_mustBeAnInteger(String value) {
        Payload payload = payload("{\"seq\": " + value + "}");

        assertInvalid(() -> payload.requiredLong("seq"), "seq: must be an integer");
        assertInvalid(() -> payload.optionalLong("seq"), "seq: must be an integer");
    }

    @Test
    void requiredLong_absentOrNull_isRequired() {
        assertInvalid(() -> payload("{}").requiredLong("seq"), "seq: is required");
        assertInvalid(() -> payload("{\"seq\": null}").requiredLong("seq"), "seq: is required");
    }

    @Test
    void requiredBoolean_trueOrFalse_returned() {
        Payload payload = payload("{\"on\": true, \"off\": false}");

        assertThat(payload.requiredBoolean("on")).isTrue();
        assertThat(payload.requiredBoolean("off")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"isTyping\": null}", "{\"isTyping\": \"true\"}", "{\"isTyping\": 1}"})
    void requiredBoolean_absentOrNotABoolean_mustBeTrueOrFalse(String json) {
        assertInvalid(() -> payload(json).requiredBoolean("isTyping"), "isTyping: must be true or false");
    }

    private static JsonNode node(String json) {
        return JSON.readTree(json);
    }

    private static Payload payload(String json) {
        return Payload.of(List.of(node(json)));
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
