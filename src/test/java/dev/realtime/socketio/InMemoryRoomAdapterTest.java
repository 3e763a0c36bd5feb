package dev.realtime.socketio;

import java.util.function.Function;

class InMemoryRoomAdapterTest extends RoomAdapterContract {

    @Override
    protected Function<Namespace, RoomAdapter> adapters() {
        return InMemoryRoomAdapter::new;
    }
}
