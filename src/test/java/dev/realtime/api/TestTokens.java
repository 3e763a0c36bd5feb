package dev.realtime.api;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Bearer tokens minted outside the server: the way an attacker or a stale client would hold them. */
final class TestTokens {

    /** The server's key in every API test context. */
    static final String SECRET = "api-contract-test-secret-0123456789abcdef";
    /** A key of the same size the server does not know. */
    static final String FOREIGN_SECRET = "someone-elses-secret-0123456789abcdefghij";
    static final String ISSUER = "realtime";

    private TestTokens() {
    }

    /** An HS256 token with the server's issuer, signed with {@code secret}. */
    static String hs256(String secret, String subject, Instant issuedAt, Instant expiresAt) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    /** Valid claims, signed with the server's key: what the server itself would issue. */
    static String valid(String subject) {
        Instant now = Instant.now();
        return hs256(SECRET, subject, now.minusSeconds(60), now.plusSeconds(3600));
    }

    /** Valid claims and the server's key, but expired an hour ago (well past any clock-skew allowance). */
    static String expired(String subject) {
        Instant now = Instant.now();
        return hs256(SECRET, subject, now.minusSeconds(7200), now.minusSeconds(3600));
    }

    /** Valid claims signed with a key the server does not have. */
    static String forged(String subject) {
        Instant now = Instant.now();
        return hs256(FOREIGN_SECRET, subject, now.minusSeconds(60), now.plusSeconds(3600));
    }

    /** Valid claims with {@code "alg": "none"} and no signature. */
    static String unsigned(String subject) {
        long now = Instant.now().getEpochSecond();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"iat\":"
                + (now - 60) + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }
}
