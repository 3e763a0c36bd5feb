package dev.realtime.auth;

/** The authenticated caller of a request or owner of a socket: a user id that exists in the users table. */
public record CurrentUser(String id) {
}
