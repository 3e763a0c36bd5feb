package dev.realtime.messages;

import dev.realtime.chats.ChatSequence;
import dev.realtime.messages.MessageEvents.MessageCreated;
import dev.realtime.messages.SendResult.Refused;
import dev.realtime.messages.SendResult.Stored;
import dev.realtime.system.ApiException;
import dev.realtime.system.Created;
import dev.realtime.system.TimeOrderedIds;
import dev.realtime.system.Times;
import dev.realtime.system.Transactions.Events;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Queued sends written in one transaction: each distinct chat locked once, each sender's membership and the batch's
 * client keys read in one query each, consecutive seqs in queue order, one multi-row insert, each chat's last
 * seq moved once. Keeps what it attempted, so a commit that failed can be looked up ({@link #check}).
 */
final class SendBatch {

    private final MessageRepository messages;
    private final ChatSequence sequence;
    private final List<QueuedSend> sends;
    private final List<Message> inserted = new ArrayList<>();
    private List<SendResult> results = List.of();

    SendBatch(MessageRepository messages, ChatSequence sequence, List<QueuedSend> sends) {
        this.messages = messages;
        this.sequence = sequence;
        this.sends = sends;
    }

    /** The transaction's work: one result per send, in the order of the sends. */
    List<SendResult> write(Events events) {
        OffsetDateTime now = Times.now();
        Map<String, Long> last = sequence.lockForSends(sends.stream().map(QueuedSend::chatId).toList());
        Map<String, Set<String>> members = sequence.members(sendersByChat(last.keySet()));
        Map<ClientKey, Message> known = storedByClientKey(last.keySet());
        Map<String, Long> advanced = new HashMap<>();
        List<SendResult> answers = new ArrayList<>(sends.size());
        for (QueuedSend send : sends) {
            answers.add(resolve(send, last, members, known, advanced, now));
        }
        messages.insertAll(inserted);
        sequence.advance(advanced, now);
        inserted.forEach(message -> events.publish(new MessageCreated(message)));
        results = answers;
        return answers;
    }

    /**
     * The check after a failed commit: the batch's messages when they were stored (their events recorded in seq
     * order), or empty when they were not (yet). A transaction commits whole, so any one missing means not stored.
     */
    Optional<List<SendResult>> check(Events events) {
        if (inserted.isEmpty()) {
            return Optional.of(results);
        }
        Map<String, Message> stored = messages.findByIds(inserted.stream().map(Message::id).toList()).stream()
                .collect(Collectors.toMap(Message::id, Function.identity()));
        if (stored.size() < inserted.size()) {
            return Optional.empty();
        }
        inserted.forEach(message -> events.publish(new MessageCreated(stored.get(message.id()))));
        return Optional.of(results.stream().map(result -> result instanceof Stored s
                ? new Stored(new Created<>(stored.getOrDefault(s.created().value().id(), s.created().value()),
                        s.created().isNew()))
                : result).toList());
    }

    private SendResult resolve(QueuedSend send, Map<String, Long> last, Map<String, Set<String>> members,
                               Map<ClientKey, Message> known, Map<String, Long> advanced, OffsetDateTime now) {
        if (!last.containsKey(send.chatId())) {
            return new Refused(ApiException.notFound("chat"));
        }
        if (!members.getOrDefault(send.chatId(), Set.of()).contains(send.senderId())) {
            return new Refused(ApiException.forbidden("not a member of this chat"));
        }
        ClientKey key = send.clientMessageId() == null ? null
                : new ClientKey(send.chatId(), send.senderId(), send.clientMessageId());
        if (key != null && known.containsKey(key)) {
            // Stored before, or by an earlier send of this batch: the first one is the answer.
            return new Stored(new Created<>(known.get(key), false));
        }
        long seq = last.merge(send.chatId(), 1L, Long::sum);
        advanced.put(send.chatId(), seq);
        Message message = new Message(TimeOrderedIds.next(), send.chatId(), send.senderId(), send.text(), seq,
                send.clientMessageId(), now, null, null);
        inserted.add(message);
        if (key != null) {
            known.put(key, message);
        }
        return new Stored(new Created<>(message, true));
    }

    private Map<String, Set<String>> sendersByChat(Set<String> chats) {
        Map<String, Set<String>> senders = new HashMap<>();
        for (QueuedSend send : sends) {
            if (chats.contains(send.chatId())) {
                senders.computeIfAbsent(send.chatId(), id -> new HashSet<>()).add(send.senderId());
            }
        }
        return senders;
    }

    private Map<ClientKey, Message> storedByClientKey(Set<String> chats) {
        Set<ClientKey> keys = new HashSet<>();
        for (QueuedSend send : sends) {
            if (send.clientMessageId() != null && chats.contains(send.chatId())) {
                keys.add(new ClientKey(send.chatId(), send.senderId(), send.clientMessageId()));
            }
        }
        Map<ClientKey, Message> stored = new HashMap<>();
        if (!keys.isEmpty()) {
            messages.findByClientKeys(keys).forEach(message -> stored.put(ClientKey.of(message), message));
        }
        return stored;
    }
}
