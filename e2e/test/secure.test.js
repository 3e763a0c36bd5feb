import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ACK_TIMEOUT, MODES, TEST_TIMEOUT, clientsFor, connected, nextEvent } from "../support/clients.js";

const SECRET = "let-me-in";

/** Resolves with the connect_error; fails if the socket connects instead. */
function refused(socket) {
  return connected(socket).then(
    () => assert.fail("connected without the right token"),
    (error) => error,
  );
}

for (const mode of MODES) {
  describe(`middleware on /secure over ${mode.name}`, () => {
    it("connect_wrongToken_connectErrorUnauthorizedWithReason", { timeout: TEST_TIMEOUT }, async (t) => {
      const socket = clientsFor(t, mode).open("/secure", { auth: { token: "let-me-out" } });

      const error = await refused(socket);

      assert.equal(error.message, "unauthorized");
      assert.deepEqual(error.data, { reason: "bad token" });
      assert.equal(socket.connected, false);
    });

    it("connect_noAuth_connectErrorUnauthorized", { timeout: TEST_TIMEOUT }, async (t) => {
      const socket = clientsFor(t, mode).open("/secure");

      const error = await refused(socket);

      assert.equal(error.message, "unauthorized");
      assert.deepEqual(error.data, { reason: "bad token" });
    });

    it("connect_rightToken_welcomeCarriesOwnSocketId", { timeout: TEST_TIMEOUT }, async (t) => {
      const socket = clientsFor(t, mode).open("/secure", { auth: { token: SECRET } });
      const welcome = nextEvent(socket, "welcome");

      await connected(socket);

      assert.deepEqual(await welcome, [socket.id]);
    });

    it("connect_wrongTokenOnTheSameManagerAsRoot_rootStaysConnected", { timeout: TEST_TIMEOUT }, async (t) => {
      const clients = clientsFor(t, mode);
      const { socket: root } = await clients.connect("/");

      const error = await refused(clients.openOn(root.io, "/secure", { auth: { token: "nope" } }));

      assert.equal(error.message, "unauthorized");
      assert.equal(root.connected, true);
      assert.equal(await root.timeout(ACK_TIMEOUT).emitWithAck("message-with-ack", "still here"), "still here");
    });
  });
}
