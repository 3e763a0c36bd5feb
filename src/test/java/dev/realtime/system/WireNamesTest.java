package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chats.ChatType;
import dev.realtime.messages.ReceiptStatus;
import dev.realtime.presence.PresenceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** Enums on the wire: lower-case names out, exactly those names in, anything else refused. */
class WireNamesTest {

    @Test
    void json_writesTheWireNames() {
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(ChatType.GROUP)).isEqualTo("\"group\"");
        assertThat(json.writeValueAsString(ReceiptStatus.DELIVERED)).isEqualTo("\"delivered\"");
        assertThat(json.writeValueAsString(PresenceStatus.AWAY)).isEqualTo("\"away\"");
    }

    @Test
    void parse_roundTripsEveryConstant() {
        for (PresenceStatus status : PresenceStatus.values()) {
            assertThat(PresenceStatus.fromWire(status.wire())).isEqualTo(status);
        }
        for (ChatType type : ChatType.values()) {
            assertThat(ChatType.parse(type.wire())).isEqualTo(type);
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "GROUP", "Group", " group", "channel"})
    void chatType_otherSpellings_validationFailed(String value) {
        assertThatThrownBy(() -> ChatType.parse(value))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "ONLINE", "busy"})
    void presenceStatus_chosenIsOnlineOrAwayOnly(String value) {
        assertThat(PresenceStatus.chosen("online")).isEqualTo(PresenceStatus.ONLINE);
        assertThat(PresenceStatus.chosen("away")).isEqualTo(PresenceStatus.AWAY);
        assertThatThrownBy(() -> PresenceStatus.chosen(value)).isInstanceOf(ApiException.class);
    }
}
