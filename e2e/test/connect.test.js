import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ACK_TIMEOUT,
  MODES,
  TEST_TIMEOUT,
  clientsFor,
  connected,
  emitWithAckArgs,
  nextEvent,
  record,
  upgrade,
} from "../support/clients.js";

for (const mode of MODES) {
  describe(`connection over ${mode.name}`, () => {
    it("connect_withAuth_serverEchoesAuthInAuthEvent", { timeout: TEST_TIMEOUT }, async (t) => {
      const clients = clientsFor(t, mode);
      const sent = { token: "abc", user: { id: 7, tags: ["a", "b"] } };

      const { socket, auth } = await clients.connect("/", { auth: sent });

      assert.deepEqual(auth, [sent]);
      assert.equal(socket.connected, true);
      assert.equal(typeof socket.id, "string");
      assert.equal(socket.io.engine.transport.name, mode.upgrades ? "websocket" : mode.options.transports[0]);
    });

    it("connect_withoutAuth_serverEchoesEmptyObject", { timeout: TEST_TIMEOUT }, async (t) => {
      const clients = clientsFor(t, mode);

      const { auth } = await clients.connect("/");

      assert.deepEqual(auth, [{}]);
    });

    it("disconnectMe_connected_clientGetsIoServerDisconnect", { timeout: TEST_TIMEOUT }, async (t) => {
      const clients = clientsFor(t, mode);
      const { socket } = await clients.connect("/");
      const disconnected = nextEvent(socket, "disconnect");

      socket.emit("disconnect-me");

      const [reason] = await disconnected;
      assert.equal(reason, "io server disconnect");
      assert.equal(socket.connected, false);
    });

    it("customNamespace_onTheSameManagerAsRoot_bothWorkSideBySide", { timeout: TEST_TIMEOUT }, async (t) => {
      const clients = clientsFor(t, mode);
      const root = clients.open("/", { auth: { namespace: "root" } });
      const rootAuth = nextEvent(root, "auth");
      const rootUpgraded = mode.upgrades ? upgrade(root) : null;
      rootUpgraded?.catch(() => {});
      const custom = clients.openOn(root.io, "/custom", { auth: { namespace: "custom" } });
      const customAuth = nextEvent(custom, "auth");
      const rootEchoes = record(root, "message-back");
      const customEchoes = record(custom, "message-back");

      await Promise.all([connected(root), connected(custom)]);
      if (rootUpgraded) {
        assert.equal(await rootUpgraded, "websocket");
      }

      assert.equal(custom.io, root.io, "one Manager");
      assert.notEqual(custom.id, root.id);
      assert.deepEqual(await rootAuth, [{ namespace: "root" }]);
      assert.deepEqual(await customAuth, [{ namespace: "custom" }]);
      assert.deepEqual(await custom.timeout(ACK_TIMEOUT).emitWithAck("message-with-ack", "via custom"), "via custom");
      assert.deepEqual(await root.timeout(ACK_TIMEOUT).emitWithAck("message-with-ack", "via root"), "via root");

      // Each namespace hears only its own echoes: the root socket's first echo is the one it asked for last.
      custom.emit("message", "for custom");
      assert.deepEqual(await customEchoes.next(), ["for custom"]);
      root.emit("message", "for root");
      assert.deepEqual(await rootEchoes.next(), ["for root"]);
    });

    it("disconnectMe_onCustomNamespace_rootStaysConnected", { timeout: TEST_TIMEOUT }, async (t) => {
      const clients = clientsFor(t, mode);
      const { socket: root } = await clients.connect("/");
      const custom = clients.openOn(root.io, "/custom");
      await connected(custom);
      const disconnected = nextEvent(custom, "disconnect");

      custom.emit("disconnect-me");

      const [reason] = await disconnected;
      assert.equal(reason, "io server disconnect");
      assert.equal(root.connected, true);
      assert.deepEqual(await emitWithAckArgs(root, "message-with-ack", "still here"), ["still here"]);
    });

    if (mode.upgrades) {
      it("upgrade_afterPollingHandshake_engineSwitchesToWebsocket", { timeout: TEST_TIMEOUT }, async (t) => {
        const clients = clientsFor(t, mode);
        const socket = clients.open("/");
        const upgraded = upgrade(socket);

        assert.equal(socket.io.engine.transport.name, "polling");
        await connected(socket);

        assert.equal(await upgraded, "websocket");
        assert.equal(socket.io.engine.transport.name, "websocket");
        assert.equal(await socket.timeout(ACK_TIMEOUT).emitWithAck("message-with-ack", "after upgrade"), "after upgrade");
      });

      it("emit_whileUpgradeInFlight_everyAckArrives", { timeout: TEST_TIMEOUT }, async (t) => {
        const clients = clientsFor(t, mode);
        const socket = clients.open("/");
        const upgraded = upgrade(socket);
        await connected(socket);

        const sent = Array.from({ length: 20 }, (_, i) => `before upgrade ${i}`);
        const acks = sent.map((text) => socket.timeout(ACK_TIMEOUT).emitWithAck("message-with-ack", text));

        assert.deepEqual(await Promise.all(acks), sent);
        assert.equal(await upgraded, "websocket");
      });
    }
  });
}
