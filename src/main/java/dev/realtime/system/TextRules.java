package dev.realtime.system;

/**
 * What text the server accepts, in one place for every edge (JSON bodies, query parameters, socket payloads).
 * Any string must be storable as sent: PostgreSQL refuses NUL outright, and an unpaired UTF-16 surrogate has no
 * UTF-8 form, so a driver silently stores '?' for it; both are refused rather than failing or changing later.
 * Lengths count characters (code points) as people do, so an emoji is one, not two UTF-16 units.
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
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
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

    /** Message text: 1 to {@code max} characters, not all of them invisible. */
    public static String requireText(String field, String value, int max) {
        requireStorable(field, value);
        if (value == null || isBlank(value)) {
            throw ApiException.invalid(field, "must not be empty");
        }
        if (length(value) > max) {
            throw ApiException.invalid(field, "at most " + max + " characters");
        }
        return value;
    }

    /**
     * A name others see next to content (display name, chat title): stripped; null when it shows nothing. Control
     * characters could break the line it is shown on, and bidirectional embeddings, overrides and isolates could
     * make it read as something else ("team\u202Egnp.exe" shows as "teamexe.png"); both are refused.
     */
    public static String displayText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        requireStorable(field, value);
        String stripped = value.strip();
        if (stripped.codePoints().anyMatch(TextRules::breaksDisplay)) {
            throw ApiException.invalid(field, "must not contain control or bidirectional formatting characters");
        }
        if (isBlank(stripped)) {
            return null;
        }
        if (length(stripped) > max) {
            throw ApiException.invalid(field, "at most " + max + " characters");
        }
        return stripped;
    }

    /** Characters, as people count them: code points, so an emoji written as a surrogate pair is one. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** Whether the text shows nothing: only white space and characters drawn without width or glyph. */
    public static boolean isBlank(String value) {
        return value.codePoints().allMatch(TextRules::invisible);
    }

    /**
     * White space, controls, format characters (U+200B zero-width space, U+200C/U+200D joiners, U+2060 word
     * joiner, U+FEFF, soft hyphen, bidi marks) and the other default-ignorable code points of Unicode that Java has
     * no property for: variation selectors, the combining grapheme joiner, Hangul fillers, Khmer inherent vowels.
     */
    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || type == Character.CONTROL || type == Character.FORMAT
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x180B && c <= 0x180F)
                || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0
                || c == 0x17B4 || c == 0x17B5;
    }

    private static boolean breaksDisplay(int c) {
        if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029) {
            return true;
        }
        return switch (Character.getDirectionality(c)) {
            case Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING, Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
                 Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING, Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
                 Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT, Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
                 Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE, Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
                 Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE -> true;
            default -> false;
        };
    }
}
