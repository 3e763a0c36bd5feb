package dev.realtime.socketio;

/**
 * Why a connection to a namespace was refused; the client receives it as CONNECT_ERROR {@code {message, data}}.
 *
 * @param message shown to the client as the error's message
 * @param data    optional detail (anything Jackson can serialize), or null
 */
public record ConnectError(String message, Object data) {

    public static ConnectError of(String message) {
        return new ConnectError(message, null);
    }
}
