package dev.realtime.messages;

import dev.realtime.users.CurrentUser;
import dev.realtime.chats.Chat;
import dev.realtime.system.ApiException;
import dev.realtime.system.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api")
class MessageController {

    record SendMessage(String text, String clientMessageId) {
    }

    record EditMessage(String text) {
    }

    record Position(Long seq) {
    }

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    @PostMapping("/chats/{chatId}/messages")
    Mono<ResponseEntity<Message>> send(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId,
                                       @RequestBody SendMessage request) {
        return messages.send(me.id(), chatId, request.text(), request.clientMessageId())
                .map(sent -> ResponseEntity.status(sent.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(sent.value()));
    }

    @GetMapping("/chats/{chatId}/messages")
    Mono<Page<Message>> history(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId,
                                @RequestParam(required = false) Long afterSeq,
                                @RequestParam(required = false) Long beforeSeq,
                                @RequestParam(required = false) Integer limit) {
        return messages.history(me.id(), chatId, afterSeq, beforeSeq, limit);
    }

    @PatchMapping("/messages/{messageId}")
    Mono<Message> edit(@AuthenticationPrincipal CurrentUser me, @PathVariable String messageId,
                       @RequestBody EditMessage request) {
        return messages.edit(me.id(), messageId, request.text());
    }

    @DeleteMapping("/messages/{messageId}")
    Mono<Message> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String messageId) {
        return messages.delete(me.id(), messageId);
    }

    @PostMapping("/chats/{chatId}/read")
    Mono<Chat.Member> read(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId,
                           @RequestBody Position request) {
        return messages.markRead(me.id(), chatId, required(request));
    }

    @PostMapping("/chats/{chatId}/delivered")
    Mono<Chat.Member> delivered(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId,
                                @RequestBody Position request) {
        return messages.markDelivered(me.id(), chatId, required(request));
    }

    private static long required(Position request) {
        if (request.seq() == null) {
            throw ApiException.invalid("seq", "is required");
        }
        return request.seq();
    }
}
