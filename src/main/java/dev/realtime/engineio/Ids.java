package dev.realtime.engineio;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable identifiers for sessions and sockets: 120 random bits, URL-safe, 20 characters.
 *
 * <p>The generator is a DRBG seeded once, when this class initialises: the platform default (NativePRNG) reads
 * /dev/urandom on every call, a file read that must not happen on an event loop. Call {@link #init()} from a
 * thread that may block before serving traffic.
 */
public final class Ids {

    private static final SecureRandom RANDOM = seeded();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** Forces the one-time seeding now, on the calling thread. */
    public static void init() {
        // Class initialisation has done the work by the time this body runs.
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom on this JVM", e);
        }
    }

    public static String random() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
