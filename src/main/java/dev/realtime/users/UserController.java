package dev.realtime.users;

import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/users")
class UserController {

    private final UserRepository users;
    private final Blocking blocking;

    UserController(UserRepository users, Blocking blocking) {
        this.users = users;
        this.blocking = blocking;
    }

    @GetMapping("/me")
    Mono<User> me(@AuthenticationPrincipal CurrentUser me) {
        return find(me.id());
    }

    @GetMapping("/{id}")
    Mono<User> byId(@PathVariable String id) {
        return find(id);
    }

    private Mono<User> find(String id) {
        return blocking.call(() -> users.findById(id).orElseThrow(() -> ApiException.notFound("user")));
    }
}
