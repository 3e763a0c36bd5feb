package dev.realtime.auth;

import dev.realtime.system.ApiError;
import dev.realtime.system.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security for {@code /api/**}: register, login and health are open, everything else
 * needs {@code Authorization: Bearer}. Failures answer in the API's error format. The management server has a
 * chain of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
class SecurityConfiguration {

    /** A request to the management server (management.server.port), not to the application's own port. */
    private static final ServerWebExchangeMatcher ON_MANAGEMENT_SERVER = exchange ->
            WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), "management")
                    ? MatchResult.match()
                    : MatchResult.notMatch();

    @Bean
    TokenService tokenService(JwtProperties properties, OAuth2ResourceServerProperties resourceServer) {
        return new TokenService(properties, externalDecoder(resourceServer.getJwt()));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The firewall refuses paths such as an encoded ';', '/' or NUL before anything else runs; by default with an
     * empty 400. Picked up by Spring Security's filter chain, so the refusal has the API's error format.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler(JsonMapper json) {
        return (exchange, rejected) -> {
            String reason = String.valueOf(rejected.getMessage());
            String field = reason.contains("URL") ? "path" : "request";
            return write(exchange.getResponse(), json, ErrorCode.VALIDATION_FAILED, field + ": " + reason);
        };
    }

    /**
     * The management server answers its actuator endpoints to whoever reaches it, without a token: it is not public
     * (see management.server.port in application.yml). Ahead of the API's chain, so an Authorization header sent
     * there is never checked. WebFlux's management context would also serve the application's router functions and
     * static files there; they answer 404 instead.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain managementSecurityWebFilterChain(ServerHttpSecurity http, JsonMapper json) {
        return stateless(http.securityMatcher(ON_MANAGEMENT_SERVER))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .anyExchange().denyAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> write(exchange.getResponse(), json,
                                ErrorCode.NOT_FOUND, "no such resource"))
                        .accessDeniedHandler((exchange, e) -> write(exchange.getResponse(), json,
                                ErrorCode.NOT_FOUND, "no such resource")))
                .build();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, TokenService tokens,
                                                  Authenticator authenticator, JsonMapper json) {
        return stateless(http)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/health").permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt
                                .jwtDecoder(tokens::decode)
                                .jwtAuthenticationConverter(token -> authenticator.resolve(token)
                                        .map(user -> new UserAuthentication(user, token))))
                        .authenticationEntryPoint((exchange, e) -> write(exchange.getResponse(), json,
                                ErrorCode.UNAUTHORIZED, "missing, invalid or expired token")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> write(exchange.getResponse(), json,
                                ErrorCode.UNAUTHORIZED, "missing, invalid or expired token"))
                        .accessDeniedHandler((exchange, e) -> write(exchange.getResponse(), json,
                                ErrorCode.FORBIDDEN, "forbidden")))
                .build();
    }

    /** No session, cookie, form, CSRF token or saved request: every request stands on its own. */
    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    private static Mono<Void> write(ServerHttpResponse response, JsonMapper json, ErrorCode code, String message) {
        response.setStatusCode(code.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(ApiError.of(code, message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The external identity provider's decoder from {@code spring.security.oauth2.resourceserver.jwt.*}, or null. */
    private static ReactiveJwtDecoder externalDecoder(OAuth2ResourceServerProperties.Jwt properties) {
        NimbusReactiveJwtDecoder decoder;
        if (properties.getJwkSetUri() != null) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.getJwkSetUri()).build();
        } else if (properties.getPublicKeyLocation() != null) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(properties.getPublicKeyLocation())).build();
        } else if (properties.getIssuerUri() != null) {
            // Discovery of the provider's keys happens once, at start, on the main thread.
            return ReactiveJwtDecoders.fromIssuerLocation(properties.getIssuerUri());
        } else {
            return null;
        }
        OAuth2TokenValidator<Jwt> validator = properties.getIssuerUri() != null
                ? JwtValidators.createDefaultWithIssuer(properties.getIssuerUri())
                : JwtValidators.createDefault();
        if (!properties.getAudiences().isEmpty()) {
            validator = new DelegatingOAuth2TokenValidator<>(validator, new JwtClaimValidator<List<String>>(
                    "aud", aud -> aud != null && aud.stream().anyMatch(properties.getAudiences()::contains)));
        }
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static RSAPublicKey publicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the public key at " + location, e);
        }
    }
}
