package dev.realtime.auth;

import dev.realtime.users.CurrentUser;
import dev.realtime.users.User;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    record RegisterRequest(String username, String password, String displayName) {
    }

    record LoginRequest(String username, String password) {
    }

    record AuthResponse(User user, String token) {
    }

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AuthResponse> register(@RequestBody RegisterRequest request, ServerHttpRequest http) {
        return auth.register(request.username(), request.password(), request.displayName(), ClientAddress.of(http))
                .flatMap(user -> auth.token(user).map(token -> new AuthResponse(user, token)));
    }

    @PostMapping("/login")
    Mono<AuthResponse> login(@RequestBody LoginRequest request, ServerHttpRequest http) {
        return auth.login(request.username(), request.password(), ClientAddress.of(http))
                .flatMap(user -> auth.token(user).map(token -> new AuthResponse(user, token)));
    }

    /**
     * Logs the caller out from every device: every token of the caller issued so far is refused from now on (this
     * server's tokens; an external provider's are the provider's to revoke), and the caller's sockets on every node
     * are disconnected. 204.
     */
    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logoutAll(@AuthenticationPrincipal CurrentUser me) {
        return auth.logoutAll(me.id());
    }
}
