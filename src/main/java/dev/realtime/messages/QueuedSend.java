package dev.realtime.messages;

import dev.realtime.system.Created;
import reactor.core.publisher.MonoSink;

/**
 * A send that passed every check that needs no database, waiting for its writer.
 *
 * @param text   already validated
 * @param answer completed once the send's batch committed (or failed)
 */
record QueuedSend(String senderId, String chatId, String text, String clientMessageId,
                  MonoSink<Created<Message>> answer) {
}
