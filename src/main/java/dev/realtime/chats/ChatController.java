package dev.realtime.chats;

import dev.realtime.users.CurrentUser;
import dev.realtime.system.ApiException;
import dev.realtime.system.Page;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/chats")
class ChatController {

    record CreateChat(String type, String title, List<String> memberIds) {
    }

    record AddMembers(List<String> userIds) {
    }

    private final ChatService chats;

    ChatController(ChatService chats) {
        this.chats = chats;
    }

    @PostMapping
    Mono<ResponseEntity<Chat>> create(@AuthenticationPrincipal CurrentUser me, @RequestBody CreateChat request) {
        return chats.create(me.id(), request.type(), request.title(), request.memberIds())
                .map(created -> ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(created.value()));
    }

    @GetMapping
    Mono<Page<Chat>> list(@AuthenticationPrincipal CurrentUser me,
                          @RequestParam(required = false) String before,
                          @RequestParam(required = false) String beforeId,
                          @RequestParam(required = false) Integer limit) {
        if (beforeId != null && before == null) {
            throw ApiException.invalid("beforeId", "goes with before: the lastActivityAt and id of a page's last chat");
        }
        return chats.list(me.id(), before == null ? null : new ChatCursor(parseInstant(before), beforeId), limit);
    }

    @GetMapping("/{chatId}")
    Mono<Chat> get(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId) {
        return chats.get(me.id(), chatId);
    }

    @PostMapping("/{chatId}/members")
    Mono<Chat> addMembers(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId,
                          @RequestBody AddMembers request) {
        return chats.addMembers(me.id(), chatId, request.userIds());
    }

    @DeleteMapping("/{chatId}/members/{userId}")
    Mono<Chat> removeMember(@AuthenticationPrincipal CurrentUser me, @PathVariable String chatId,
                            @PathVariable String userId) {
        return chats.removeMember(me.id(), chatId, userId);
    }

    private static OffsetDateTime parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("before", "an ISO-8601 timestamp, as lastActivityAt is written");
        }
    }
}
