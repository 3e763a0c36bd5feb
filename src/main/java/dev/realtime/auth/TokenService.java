package dev.realtime.auth;

import com.nimbusds.jwt.JWTParser;
import dev.realtime.system.InvalidSetting;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import reactor.core.publisher.Mono;

/**
 * Issues this server's tokens (HS256, {@code sub} = user id) and verifies bearer tokens: its own, and those of an
 * external identity provider when one is configured. The one verification REST and the Socket.IO handshake share.
 */
public final class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    private static final int MIN_SECRET_BYTES = 32;
    // Long enough to cover a reconnect storm or a page opening several sockets, short enough that nothing about
    // a token (its user removed, logout) is trusted for long.
    private static final Duration VERIFIED_TTL = Duration.ofSeconds(30);
    private static final int VERIFIED_LIMIT = 10_000;
    private static final String TOKEN_VERSION = "token_version";

    private final JwtProperties properties;
    private final JwtEncoder encoder;
    private final ReactiveJwtDecoder own;
    private final ReactiveJwtDecoder external;
    private final VerifiedTokens verified;

    /** @param external the external provider's decoder, or null when none is configured */
    public TokenService(JwtProperties properties, ReactiveJwtDecoder external) {
        this.properties = properties;
        this.verified = new VerifiedTokens(VERIFIED_TTL, VERIFIED_LIMIT, Clock.systemUTC());
        SecretKey key = key(properties.secret());
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        this.own = decoder;
        this.external = external;
    }

    /** A signed token for the user at token version 0, valid for the configured ttl. */
    public String issue(String userId) {
        return issue(userId, 0);
    }

    /**
     * A signed token for the user, valid for the configured ttl, carrying the user's current token version: it is
     * refused once the version is raised (a logout from every device).
     */
    public String issue(String userId, int tokenVersion) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(userId)
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim(TOKEN_VERSION, tokenVersion)
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /**
     * Verifies a bearer token: signature, expiry, issuer. Ours are HS256; any other algorithm goes to the external
     * provider's decoder, so no token is ever tried against both. Fails with a JwtException. A token verified
     * within the last seconds is not verified again ({@link VerifiedTokens}).
     */
    public Mono<Jwt> decode(String token) {
        Optional<Jwt> known = verified.find(token);
        if (known.isPresent()) {
            return Mono.just(known.get());
        }
        return verify(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    private Mono<Jwt> verify(String token) {
        String algorithm;
        try {
            algorithm = JWTParser.parse(token).getHeader().getAlgorithm().getName();
        } catch (ParseException | RuntimeException e) {
            return Mono.error(new BadJwtException("malformed token"));
        }
        if (MacAlgorithm.HS256.getName().equals(algorithm)) {
            return own.decode(token);
        }
        if (external == null) {
            return Mono.error(new BadJwtException("unsupported token algorithm " + algorithm));
        }
        return external.decode(token);
    }

    /** Whether a verified token was issued by this server rather than the external provider. */
    public boolean isOwn(Jwt jwt) {
        return properties.issuer().equals(jwt.getClaimAsString("iss"))
                && MacAlgorithm.HS256.getName().equals(String.valueOf(jwt.getHeaders().get("alg")));
    }

    /** The token version one of this server's tokens was issued at; 0 for one issued before versions existed. */
    public int tokenVersion(Jwt jwt) {
        return jwt.getClaims().get(TOKEN_VERSION) instanceof Number version ? version.intValue() : 0;
    }

    private static SecretKey key(String secret) {
        byte[] bytes;
        if (secret == null || secret.isBlank()) {
            log.warn("realtime.jwt.secret is not set: using a random key. Tokens will not survive a restart and "
                    + "will not be accepted by other nodes. Set realtime.jwt.secret (32+ bytes) in production.");
            bytes = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(bytes);
        } else {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new InvalidSetting("realtime.jwt.secret", "is " + bytes.length + " bytes; HS256 needs at least "
                        + MIN_SECRET_BYTES + " bytes", "Set a secret of at least " + MIN_SECRET_BYTES + " bytes "
                        + "(env REALTIME_JWT_SECRET), or leave it unset for a random key per start.");
            }
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
