package dev.realtime.conformance;

import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.EngineServer;
import dev.realtime.engineio.EngineSession;
import dev.realtime.engineio.SessionHandler;

/** The Engine.IO half of the conformance fixture: every message goes back to its sender unchanged. */
final class EngineEchoServer {

    private EngineEchoServer() {
    }

    static SessionHandler echo(EngineSession session) {
        return new SessionHandler() {
            @Override
            public void onMessage(String text) {
                session.send(EnginePacket.message(text));
            }

            @Override
            public void onBinary(byte[] data) {
                session.send(EnginePacket.binary(data));
            }

            @Override
            public void onClose(String reason) {
            }
        };
    }

    static EngineServer create(dev.realtime.engineio.EngineOptions options) {
        return new EngineServer(options, EngineEchoServer::echo);
    }
}
