package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginPolicyTest {

    private final OriginPolicy sameOrigin = OriginPolicy.sameOrigin();

    @Test
    void allows_noOriginHeader_passes() {
        String origin = null;

        boolean allowed = sameOrigin.allows(origin, "chat.example.com", false);

        assertThat(allowed).isTrue();
    }

    @Test
    void allows_originOfHost_passes() {
        String origin = "http://chat.example.com:8080";

        boolean allowed = sameOrigin.allows(origin, "chat.example.com:8080", false);

        assertThat(allowed).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "http://chat.example.com:80,   chat.example.com,     false",
            "http://chat.example.com,      chat.example.com:80,  false",
            "https://chat.example.com:443, chat.example.com,     true",
            "https://chat.example.com,     chat.example.com:443, true"})
    void allows_defaultPortOnOneSideOnly_passes(String origin, String host, boolean secure) {
        boolean allowed = sameOrigin.allows(origin, host, secure);

        assertThat(allowed).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "HTTP://Chat.Example.COM,      chat.example.com",
            "http://chat.example.com:8080, CHAT.example.com:8080"})
    void allows_originOfHostInOtherCase_passes(String origin, String host) {
        boolean allowed = sameOrigin.allows(origin, host, false);

        assertThat(allowed).isTrue();
    }

    @Test
    void allows_sameHostOtherPort_refused() {
        String origin = "http://chat.example.com:8080";

        boolean allowed = sameOrigin.allows(origin, "chat.example.com", false);

        assertThat(allowed).isFalse();
    }

    @Test
    void allows_plainOriginOnTlsRequest_refused() {
        String origin = "http://chat.example.com";

        boolean allowed = sameOrigin.allows(origin, "chat.example.com", true);

        assertThat(allowed).isFalse();
    }

    @Test
    void allows_foreignOrigin_refused() {
        String origin = "https://evil.example.net";

        boolean allowed = sameOrigin.allows(origin, "chat.example.com", true);

        assertThat(allowed).isFalse();
    }

    @Test
    void allows_opaqueNullOrigin_refused() {
        String origin = "null";

        boolean allowed = sameOrigin.allows(origin, "chat.example.com", false);

        assertThat(allowed).isFalse();
    }

    @Test
    void allows_originWithoutHostHeader_refused() {
        String origin = "http://chat.example.com";

        boolean allowed = sameOrigin.allows(origin, null, false);

        assertThat(allowed).isFalse();
    }

    @Test
    void allows_listedOrigin_passes() {
        OriginPolicy policy = OriginPolicy.allowing(Set.of("https://app.example.com"));

        boolean allowed = policy.allows("https://app.example.com", "api.example.com", true);

        assertThat(allowed).isTrue();
    }

    @Test
    void allows_listedOriginWrittenDifferently_passes() {
        OriginPolicy policy = OriginPolicy.allowing(Set.of("HTTPS://App.Example.com:443"));

        boolean allowed = policy.allows("https://app.example.com", "api.example.com", true);

        assertThat(allowed).isTrue();
    }

    @Test
    void allows_originOfHostWithList_passes() {
        OriginPolicy policy = OriginPolicy.allowing(Set.of("https://app.example.com"));

        boolean allowed = policy.allows("https://api.example.com", "api.example.com", true);

        assertThat(allowed).isTrue();
    }

    @Test
    void allows_unlistedOrigin_refused() {
        OriginPolicy policy = OriginPolicy.allowing(Set.of("https://app.example.com"));

        boolean allowed = policy.allows("https://other.example.com", "api.example.com", true);

        assertThat(allowed).isFalse();
    }

    @Test
    void allows_wildcard_admitsAnyOrigin() {
        OriginPolicy policy = OriginPolicy.allowing(Set.of("*"));

        boolean foreign = policy.allows("https://evil.example.net", "chat.example.com", true);
        boolean opaque = policy.allows("null", null, false);

        assertThat(foreign).isTrue();
        assertThat(opaque).isTrue();
    }
}
