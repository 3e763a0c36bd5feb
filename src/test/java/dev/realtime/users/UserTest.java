package dev.realtime.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a_b.c-d", "ABC123", "abcdefghijklmnopqrstuvwxyz012345"})
    void isValidUsername_lettersDigitsAndPunctuationOf3To32_valid(String username) {
        assertThat(User.isValidUsername(username)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "abcdefghijklmnopqrstuvwxyz0123456", "with space", "émile", "a/b", "a@b.c"})
    void isValidUsername_tooShortTooLongOrOtherCharacters_invalid(String username) {
        assertThat(User.isValidUsername(username)).isFalse();
    }

    @Test
    void isValidUsername_null_invalid() {
        assertThat(User.isValidUsername(null)).isFalse();
    }
}
