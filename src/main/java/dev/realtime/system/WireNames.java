package dev.realtime.system;

import java.util.Locale;
import java.util.Optional;

/** Enum constants as clients and stores spell them: the constant's name in lower case ({@code ONLINE} is "online"). */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code value}; empty for null or any other spelling, upper case included. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
