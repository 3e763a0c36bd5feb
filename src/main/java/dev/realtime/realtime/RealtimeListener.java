package dev.realtime.realtime;

import dev.realtime.chats.ChatEvents.ChatCreated;
import dev.realtime.chats.ChatEvents.ChatMemberAdded;
import dev.realtime.chats.ChatEvents.ChatMemberRemoved;
import dev.realtime.chats.ChatMembership;
import dev.realtime.messages.MessageEvents.MessageCreated;
import dev.realtime.messages.MessageEvents.MessageDeleted;
import dev.realtime.messages.MessageEvents.MessageStatus;
import dev.realtime.messages.MessageEvents.MessageUpdated;
import dev.realtime.presence.PresenceEvents.UserOffline;
import dev.realtime.presence.PresenceEvents.UserOnline;
import dev.realtime.typing.TypingEvents.UserTyping;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Domain events to Socket.IO events, whichever way the change came (REST or the gateway). Runs on the thread
 * that published, after commit; anything that needs the database is done asynchronously.
 */
@Component
class RealtimeListener {

    private static final Logger log = LoggerFactory.getLogger(RealtimeListener.class);
    /** Sent to the other nodes when a chat's members change, so their membership caches drop the chat at once. */
    static final String MEMBERS_CHANGED = "realtime:chat-members-changed";

    private final RealtimeService realtime;
    private final ChatMembership membership;

    RealtimeListener(RealtimeService realtime, ChatMembership membership) {
        this.realtime = realtime;
        this.membership = membership;
        realtime.onClusterEvent((event, args) -> {
            if (MEMBERS_CHANGED.equals(event) && !args.isEmpty() && args.get(0).isString()) {
                membership.forget(args.get(0).asString());
            }
        });
    }

    @EventListener
    void on(MessageCreated event) {
        realtime.emitMessageNew(event.message());
    }

    @EventListener
    void on(MessageUpdated event) {
        realtime.emitMessageUpdated(event.message());
    }

    @EventListener
    void on(MessageDeleted event) {
        realtime.emitMessageDeleted(event.chatId(), event.messageId(), event.seq());
    }

    @EventListener
    void on(MessageStatus event) {
        membership.members(event.chatId()).subscribe(
                members -> realtime.emitMessageStatus(event.chatId(), event.userId(), event.status(), event.seq(),
                        members),
                error -> log.warn("message:status for chat {} not sent", event.chatId(), error));
    }

    @EventListener
    void on(ChatCreated event) {
        realtime.emitChatCreated(event.chat(), event.chat().memberIds());
    }

    @EventListener
    void on(ChatMemberAdded event) {
        realtime.emitToCluster(MEMBERS_CHANGED, event.chatId());
        realtime.emitChatCreated(event.chat(), List.of(event.userId()));
        realtime.emitChatUpdated(event.chat(), event.chat().memberIds().stream()
                .filter(member -> !member.equals(event.userId()))
                .toList());
    }

    @EventListener
    void on(ChatMemberRemoved event) {
        realtime.emitToCluster(MEMBERS_CHANGED, event.chatId());
        realtime.leaveChatRoom(event.userId(), event.chatId());
        List<String> audience = new ArrayList<>(event.chat().memberIds());
        audience.add(event.userId());
        realtime.emitChatUpdated(event.chat(), audience);
    }

    @EventListener
    void on(UserTyping event) {
        realtime.emitTyping(event.chatId(), event.userId(), event.isTyping());
    }

    @EventListener
    void on(UserOnline event) {
        membership.contactsOf(event.userId()).subscribe(
                contacts -> realtime.emitPresenceOnline(event.userId(), event.status(), contacts),
                error -> log.warn("presence:online of user {} not sent", event.userId(), error));
    }

    @EventListener
    void on(UserOffline event) {
        membership.contactsOf(event.userId()).subscribe(
                contacts -> realtime.emitPresenceOffline(event.userId(), event.lastSeenAt(), contacts),
                error -> log.warn("presence:offline of user {} not sent", event.userId(), error));
    }
}
