package dev.realtime.users;

/**
 * The authenticated caller of a request or owner of a socket: a user id that exists in the users table. Kept here
 * rather than in auth/, which makes it, so that the features that take it depend on users and never on auth.
 */
public record CurrentUser(String id) {
}
