package dev.realtime.messages;

import dev.realtime.system.ApiException;
import dev.realtime.system.Created;

/** What became of one send of a batch that committed: stored (or found stored before), or refused alone. */
sealed interface SendResult {

    /** A new message, or the one an earlier send with the same clientMessageId stored ({@code isNew} false). */
    record Stored(Created<Message> created) implements SendResult {
    }

    /** Failed its own checks (unknown chat, not a member); the rest of its batch is not affected. */
    record Refused(ApiException error) implements SendResult {
    }
}
