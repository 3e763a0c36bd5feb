package dev.realtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.realtime.engineio.ProtocolException;
import dev.realtime.socketio.PacketKind;
import dev.realtime.socketio.SocketCodec;
import dev.realtime.socketio.SocketPacket;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.TextRules;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's reading of an event's payload, from the wire: a Socket.IO EVENT packet is decoded, and its first
 * argument read field by field as the gateway's handlers read it. Every field either comes back well-formed or is
 * refused with {@link ApiException} VALIDATION_FAILED; any other throwable is a finding.
 *
 * <p>{@code gateway.Payload} is package-private and this package only tests; it is reached through a private
 * lookup rather than widened for a test.
 */
class PayloadFuzzTest {

    private static final String[] TEXT_FIELDS = {"chatId", "text", "clientMessageId", "status"};
    private static final String[] LONG_FIELDS = {"seq", "lastSeq"};

    private static final MethodHandle OF;
    private static final MethodHandle REQUIRED_TEXT;
    private static final MethodHandle OPTIONAL_TEXT;
    private static final MethodHandle REQUIRED_LONG;
    private static final MethodHandle OPTIONAL_LONG;
    private static final MethodHandle REQUIRED_BOOLEAN;

    static {
        try {
            Class<?> payload = Class.forName("dev.realtime.gateway.Payload");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(payload, MethodHandles.lookup());
            OF = lookup.findStatic(payload, "of", MethodType.methodType(payload, List.class));
            REQUIRED_TEXT = lookup.findVirtual(payload, "requiredText", MethodType.methodType(String.class, String.class));
            OPTIONAL_TEXT = lookup.findVirtual(payload, "optionalText", MethodType.methodType(String.class, String.class));
            REQUIRED_LONG = lookup.findVirtual(payload, "requiredLong", MethodType.methodType(long.class, String.class));
            OPTIONAL_LONG = lookup.findVirtual(payload, "optionalLong", MethodType.methodType(Long.class, String.class));
            REQUIRED_BOOLEAN = lookup.findVirtual(payload, "requiredBoolean",
                    MethodType.methodType(boolean.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SocketCodec codec = new SocketCodec(JsonMapper.builder().build(), SocketCodecFuzzTest.MAX_ATTACHMENTS);

    @FuzzTest
    void eventPayload(byte[] input) throws Throwable {
        List<JsonNode> args = eventArguments(new String(input, StandardCharsets.UTF_8));
        if (args == null) {
            return;
        }

        Object payload;
        try {
            payload = OF.invoke(args);
        } catch (ApiException refused) {
            assertValidationFailed(refused);
            return;
        }

        JsonNode object = args.get(0);
        for (String field : TEXT_FIELDS) {
            checkText(payload, object, field);
        }
        for (String field : LONG_FIELDS) {
            checkLong(payload, object, field);
        }
        checkBoolean(payload, object, "isTyping");
    }

    /** What the gateway's handler gets: the arguments after the event name, or null when the packet is refused. */
    private List<JsonNode> eventArguments(String text) {
        try {
            SocketPacket packet = codec.decode(text);
            if (packet.kind() != PacketKind.EVENT) {
                return null;
            }
            List<JsonNode> values = List.copyOf(packet.data().values());
            return values.subList(1, values.size());
        } catch (ProtocolException rejected) {
            return null;
        }
    }

    private static void checkText(Object payload, JsonNode object, String field) throws Throwable {
        String optional = optionalOrRefused(OPTIONAL_TEXT, payload, field);
        if (optional != null) {
            assertThat(TextRules.unstorable(optional)).isNull();
            assertThat(optional).isEqualTo(object.get(field).asString());
        }
        String required = optionalOrRefused(REQUIRED_TEXT, payload, field);
        assertThat(required).isEqualTo(optional == null || optional.isEmpty() ? null : optional);
    }

    private static void checkLong(Object payload, JsonNode object, String field) throws Throwable {
        Long optional = optionalOrRefused(OPTIONAL_LONG, payload, field);
        if (optional != null) {
            assertThat(object.get(field).isIntegralNumber()).isTrue();
            assertThat(object.get(field).bigIntegerValue()).isEqualTo(BigInteger.valueOf(optional));
        }
        Long required = optionalOrRefused(REQUIRED_LONG, payload, field);
        assertThat(required).isEqualTo(optional);
    }

    private static void checkBoolean(Object payload, JsonNode object, String field) throws Throwable {
        Boolean value = optionalOrRefused(REQUIRED_BOOLEAN, payload, field);
        if (value != null) {
            assertThat(object.get(field).isBoolean()).isTrue();
            assertThat(value).isEqualTo(object.get(field).asBoolean());
        }
    }

    /** The getter's value, or null when it refused the field as the gateway expects: VALIDATION_FAILED. */
    @SuppressWarnings("unchecked")
    private static <T> T optionalOrRefused(MethodHandle getter, Object payload, String field) throws Throwable {
        try {
            return (T) getter.invoke(payload, field);
        } catch (ApiException refused) {
            assertValidationFailed(refused);
            return null;
        }
    }

    private static void assertValidationFailed(ApiException refused) {
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }
}
