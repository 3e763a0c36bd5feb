package dev.realtime.system;

/** A create that may find the resource already there (an idempotent retry), so the API can answer 201 or 200. */
public record Created<T>(T value, boolean isNew) {
}
