package dev.realtime.engineio;

/**
 * What arrives on one WebSocket of a session: its own, or a probe that may become it. Which one it is gets decided
 * per frame, since an upgrade can complete between two frames.
 */
final class SessionInbound implements WebSocketInbound {

    private final EngineSession session;
    private final Outbound outbound;
    private final UpgradeProbe upgrade;
    private final WebSocketConnection connection;

    SessionInbound(EngineSession session, Outbound outbound, UpgradeProbe upgrade, WebSocketConnection connection) {
        this.session = session;
        this.outbound = outbound;
        this.upgrade = upgrade;
        this.connection = connection;
    }

    @Override
    public void onText(String text) {
        if (!carriesSession()) {
            upgrade.onText(connection, text);
            return;
        }
        try {
            session.receive(EngineCodec.decodeText(text));
        } catch (ProtocolException e) {
            session.malformed(e);
        }
    }

    @Override
    public void onBinary(byte[] data) {
        if (carriesSession()) {
            session.receive(EnginePacket.binary(data));
        } else {
            upgrade.abort(connection, CloseStatus.protocolError("binary message during upgrade"));
        }
    }

    @Override
    public void onInvalid(CloseStatus status) {
        if (carriesSession()) {
            session.terminate("transport error: " + status.reason(), EnginePacket.CLOSE, status);
        } else {
            upgrade.abort(connection, status);
        }
    }

    @Override
    public void onClosed() {
        if (carriesSession()) {
            session.terminate("transport close", EnginePacket.CLOSE);
        } else {
            upgrade.abort(connection, CloseStatus.NORMAL);
        }
    }

    private boolean carriesSession() {
        return outbound.websocket() == connection;
    }
}
