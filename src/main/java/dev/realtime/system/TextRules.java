package dev.realtime.system;

/**
 * What text the server accepts, in one place for every edge (JSON bodies, query parameters, socket payloads).
 * Any string must be storable as sent: PostgreSQL refuses NUL outright, and an unpaired UTF-16 surrogate has no
 * UTF-8 form, so a driver silently stores '?' for it; both are refused rather than failing or changing later.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why the value cannot be stored exactly as sent, or null when it can. */
    public static String unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain NUL characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain unpaired UTF-16 surrogates";
            }
        }
        return null;
    }

    /** Refuses a value that cannot be stored as sent, naming the field; null passes (absence is checked elsewhere). */
    public static String requireStorable(String field, String value) {
        String problem = value == null ? null : unstorable(value);
        if (problem != null) {
            throw ApiException.invalid(field, problem);
        }
        return value;
    }
}
