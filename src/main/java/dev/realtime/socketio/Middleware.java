package dev.realtime.socketio;

/**
 * Runs when a client asks to join a namespace, before the socket is connected: the place to check credentials
 * in {@code socket.handshake()}. Each middleware calls exactly one of {@link Next#proceed()} or
 * {@link Next#reject(ConnectError)}, from any thread; it must not block the thread it was called on.
 */
@FunctionalInterface
public interface Middleware {

    void handle(Socket socket, Next next);

    interface Next {
        void proceed();

        void reject(ConnectError error);
    }
}
