package dev.realtime.users;

import java.util.Optional;

/**
 * Each user's token version: tokens issued before it was last raised are no longer accepted. Blocking: call it from
 * the blocking executor only.
 */
public interface TokenVersions {

    /** The user's current version (0 until first raised), or empty when there is no such user. */
    Optional<Integer> find(String userId);

    /**
     * Raises the user's version by one.
     *
     * @return the version stored now: the raised one, or a later one when another raise came in between; empty when
     *         there is no such user
     */
    Optional<Integer> raise(String userId);
}
