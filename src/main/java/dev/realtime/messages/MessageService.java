package dev.realtime.messages;

import dev.realtime.chats.Chat;
import dev.realtime.chats.ChatSequence;
import dev.realtime.chats.ChatService;
import dev.realtime.messages.MessageEvents.MessageDeleted;
import dev.realtime.messages.MessageEvents.MessageStatus;
import dev.realtime.messages.MessageEvents.MessageUpdated;
import dev.realtime.system.ApiException;
import dev.realtime.system.Created;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.LimitsProperties;
import dev.realtime.system.Page;
import dev.realtime.system.RateLimiter;
import dev.realtime.system.TextRules;
import dev.realtime.system.Times;
import dev.realtime.system.Transactions;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sending, editing, deleting and reading messages: the rules REST and the Socket.IO gateway share. A Mono that
 * completes means committed.
 */
@Service
public class MessageService {

    private static final int MAX_CLIENT_MESSAGE_ID = 128;

    private final MessageRepository messages;
    private final ChatSequence sequence;
    private final ChatService chatService;
    private final Transactions transactions;
    private final LimitsProperties limits;
    private final RateLimiter sends;
    private final SendBatcher batcher;

    MessageService(MessageRepository messages, ChatSequence sequence, ChatService chatService,
                   Transactions transactions, LimitsProperties limits, SendBatcher batcher) {
        this.messages = messages;
        this.batcher = batcher;
        this.sequence = sequence;
        this.chatService = chatService;
        this.transactions = transactions;
        this.limits = limits;
        this.sends = new RateLimiter(limits.messagesPerSecond(), limits.messageBurst());
    }

    /**
     * Stores a message with the chat's next seq. A retry with the same {@code clientMessageId} by the same sender
     * returns the stored message ({@code isNew} false) and stores and publishes nothing. Sends that queue up
     * are stored together, see {@link SendBatcher}.
     */
    public Mono<Created<Message>> send(String me, String chatId, String text, String clientMessageId) {
        String body = validText(text);
        if (clientMessageId != null && (clientMessageId.isEmpty() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID)) {
            throw ApiException.invalid("clientMessageId", "1 to " + MAX_CLIENT_MESSAGE_ID + " characters");
        }
        if (!sends.tryAcquire(me)) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many messages, slow down");
        }
        return batcher.send(me, chatId, body, clientMessageId);
    }

    /** History in seq order; see {@link MessageRepository#page} for which end a page comes from. */
    public Mono<Page<Message>> history(String me, String chatId, Long afterSeq, Long beforeSeq, Integer limit) {
        int size = limit == null ? limits.defaultPage() : limit;
        if (size < 1 || size > limits.maxHistoryPage()) {
            throw ApiException.invalid("limit", "must be within 1.." + limits.maxHistoryPage());
        }
        if ((afterSeq != null && afterSeq < 0) || (beforeSeq != null && beforeSeq < 0)) {
            throw ApiException.invalid(afterSeq != null && afterSeq < 0 ? "afterSeq" : "beforeSeq", "must be >= 0");
        }
        return transactions.read(() -> {
            chatService.visible(me, chatId);
            List<Message> rows = messages.page(chatId, afterSeq, beforeSeq, size + 1);
            if (rows.size() <= size) {
                return new Page<>(rows, false);
            }
            // The extra row sits at the far end of the page: the newest after afterSeq, else the oldest.
            return new Page<>(List.copyOf(afterSeq != null ? rows.subList(0, size) : rows.subList(1, rows.size())),
                    true);
        });
    }

    public Mono<Message> edit(String me, String messageId, String text) {
        String body = validText(text);
        return transactions.run(events -> {
            Message message = own(me, messageId);
            if (message.deletedAt() != null) {
                throw new ApiException(ErrorCode.CONFLICT, "the message was deleted");
            }
            Message edited = message.edited(body, Times.now());
            messages.updateText(messageId, body, edited.editedAt());
            events.publish(new MessageUpdated(edited));
            return edited;
        });
    }

    /** Soft delete: the seq stays taken, the text goes. Deleting again changes nothing and publishes nothing. */
    public Mono<Message> delete(String me, String messageId) {
        return transactions.run(events -> {
            Message message = own(me, messageId);
            if (message.deletedAt() != null) {
                return message;
            }
            Message deleted = message.deleted(Times.now());
            messages.markDeleted(messageId, deleted.deletedAt());
            events.publish(new MessageDeleted(message.chatId(), messageId, message.seq()));
            return deleted;
        });
    }

    /** Moves the caller's read position (and delivered with it) forward; never backward. */
    public Mono<Chat.Member> markRead(String me, String chatId, long seq) {
        return advance(me, chatId, seq, ReceiptStatus.READ);
    }

    /** Moves the caller's delivered position forward; never backward. */
    public Mono<Chat.Member> markDelivered(String me, String chatId, long seq) {
        return advance(me, chatId, seq, ReceiptStatus.DELIVERED);
    }

    private Mono<Chat.Member> advance(String me, String chatId, long seq, ReceiptStatus status) {
        return transactions.run(events -> {
            Chat chat = chatService.visible(me, chatId);
            ChatSequence.Position position = status == ReceiptStatus.READ
                    ? sequence.moveRead(chat, me, seq)
                    : sequence.moveDelivered(chat, me, seq);
            if (position.moved()) {
                events.publish(new MessageStatus(chatId, me, status, seq));
            }
            return position.member();
        });
    }

    /** The caller's own message in a chat the caller is still a member of. */
    private Message own(String me, String messageId) {
        Message message = messages.findById(messageId).orElseThrow(() -> ApiException.notFound("message"));
        if (!message.senderId().equals(me)) {
            throw ApiException.forbidden("only the sender may change a message");
        }
        sequence.requireMember(message.chatId(), me);
        return message;
    }

    private String validText(String text) {
        return TextRules.requireText("text", text, limits.maxTextLength());
    }

}
