package dev.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.realtime.system.InvalidSetting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class TokenServiceTest {

    private static final String SECRET = "token-service-test-secret-0123456789abc";
    private static final String FOREIGN_SECRET = "another-servers-secret-0123456789abcdef";
    private static final Duration TTL = Duration.ofHours(2);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TokenService tokens = new TokenService(new JwtProperties(SECRET, TTL, "realtime"), null);

    @Test
    void issue_thenDecode_ownTokenOfTheUserValidForTheTtl() {
        String token = tokens.issue("user-1");

        Jwt jwt = tokens.decode(token).block(WAIT);

        assertThat(jwt.getSubject()).isEqualTo("user-1");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("realtime");
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(TTL);
        assertThat(tokens.isOwn(jwt)).isTrue();
    }

    @Test
    void decode_tokenIssuedByAnotherServiceWithTheSameSecret_accepted() {
        TokenService sameSecret = new TokenService(new JwtProperties(SECRET, Duration.ofMinutes(5), "realtime"), null);

        Jwt jwt = tokens.decode(sameSecret.issue("user-2")).block(WAIT);

        assertThat(jwt.getSubject()).isEqualTo("user-2");
    }

    /** Tokens the server must refuse, each otherwise valid: only the named part is wrong. */
    enum BadToken {
        EXPIRED, FOREIGN_SIGNATURE, WRONG_ISSUER, TAMPERED_CLAIMS, UNSIGNED, MALFORMED, EMPTY, TWO_PARTS;

        String token() {
            Instant now = Instant.now();
            return switch (this) {
                case EXPIRED -> hs256(SECRET, "realtime", now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofHours(1)));
                case FOREIGN_SIGNATURE -> hs256(FOREIGN_SECRET, "realtime", now, now.plus(TTL));
                case WRONG_ISSUER -> hs256(SECRET, "someone-else", now, now.plus(TTL));
                case TAMPERED_CLAIMS -> tampered(hs256(SECRET, "realtime", now, now.plus(TTL)));
                case UNSIGNED -> part("{\"alg\":\"none\"}") + "." + part(claims("realtime", now, now.plus(TTL))) + ".";
                case MALFORMED -> "not-a-jwt";
                case EMPTY -> "";
                case TWO_PARTS -> part("{\"alg\":\"HS256\"}") + "." + part(claims("realtime", now, now.plus(TTL)));
            };
        }
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void decode_badToken_refusedWithBadJwtException(BadToken bad) {
        Mono<Jwt> decoded = tokens.decode(bad.token());

        assertThatThrownBy(() -> decoded.block(WAIT)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void decode_otherAlgorithmWithoutExternalProvider_refusedNamingTheAlgorithm() {
        String rs256 = part("{\"alg\":\"RS256\"}") + "." + part(claims("idp", Instant.now(), Instant.now().plus(TTL)))
                + ".c2lnbmF0dXJl";

        assertThatThrownBy(() -> tokens.decode(rs256).block(WAIT)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("RS256");
    }

    @Test
    void decode_withExternalProvider_otherAlgorithmsGoThereAndOursNever() {
        List<String> askedExternally = new CopyOnWriteArrayList<>();
        Jwt external = Jwt.withTokenValue("external").header("alg", "RS256").claim("iss", "https://idp.example")
                .subject("external-user").build();
        ReactiveJwtDecoder idp = token -> {
            askedExternally.add(token);
            return Mono.just(external);
        };
        TokenService withIdp = new TokenService(new JwtProperties(SECRET, TTL, "realtime"), idp);
        String rs256 = part("{\"alg\":\"RS256\"}") + "." + part(claims("https://idp.example", Instant.now(),
                Instant.now().plus(TTL))) + ".c2lnbmF0dXJl";
        String forged = BadToken.FOREIGN_SIGNATURE.token();

        Jwt fromIdp = withIdp.decode(rs256).block(WAIT);
        Jwt own = withIdp.decode(withIdp.issue("user-3")).block(WAIT);
        Mono<Jwt> forgedDecoded = withIdp.decode(forged);

        assertThat(fromIdp).isSameAs(external);
        assertThat(withIdp.isOwn(fromIdp)).isFalse();
        assertThat(withIdp.isOwn(own)).isTrue();
        assertThatThrownBy(() -> forgedDecoded.block(WAIT)).isInstanceOf(BadJwtException.class);
        assertThat(askedExternally).containsExactly(rs256);
    }

    @Test
    void isOwn_hs256WithAnotherIssuer_false() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "HS256").claim("iss", "someone-else").subject("u").build();

        assertThat(tokens.isOwn(jwt)).isFalse();
    }

    @Test
    void create_secretShorterThan32Bytes_invalidSettingNamingIt() {
        JwtProperties shortSecret = new JwtProperties("only-31-bytes-long-0123456789ab", TTL, "realtime");

        assertThatThrownBy(() -> new TokenService(shortSecret, null)).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("realtime.jwt.secret").hasMessageNotContaining(shortSecret.secret());
    }

    private static String hs256(String secret, String issuer, Instant issuedAt, Instant expiresAt) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject("user-1").issuedAt(issuedAt)
                .expiresAt(expiresAt).build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(key))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    /** The token with its claims replaced by another user's, the signature kept. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user-1\"", "\"user-9\"");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    private static String claims(String issuer, Instant issuedAt, Instant expiresAt) {
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"user-1\",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":"
                + expiresAt.getEpochSecond() + "}";
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
