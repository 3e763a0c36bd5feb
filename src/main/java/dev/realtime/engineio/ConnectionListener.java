package dev.realtime.engineio;

/** The layer above Engine.IO: told of each new session, it returns the handler for that session's traffic. */
@FunctionalInterface
public interface ConnectionListener {

    SessionHandler onOpen(EngineSession session);
}
