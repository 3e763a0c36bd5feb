import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ACK_TIMEOUT, MODES, TEST_TIMEOUT, clientsFor, emitWithAckArgs, nextEvent } from "../support/clients.js";

for (const mode of MODES) {
  describe(`acks over ${mode.name}`, () => {
    it("emitWithAck_oneArg_resolvesWithTheSameValue", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const sent = { text: "héllo ✓", n: 42, nested: { list: [1, null, true, "x"] } };

      const reply = await socket.timeout(ACK_TIMEOUT).emitWithAck("message-with-ack", sent);

      assert.deepEqual(reply, sent);
    });

    it("emitWithAck_severalArgs_ackCarriesAllOfThem", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();

      const reply = await emitWithAckArgs(socket, "message-with-ack", 1, "two", [3], { four: 4 });

      assert.deepEqual(reply, [1, "two", [3], { four: 4 }]);
    });

    it("emitWithAck_noArgs_ackCarriesNone", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();

      const reply = await emitWithAckArgs(socket, "message-with-ack");

      assert.deepEqual(reply, []);
    });

    it("requestAck_clientAnswers_serverRelaysTheClientReply", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const requests = [];
      socket.on("server-ack-request", (...args) => {
        const answer = args.pop();
        assert.equal(typeof answer, "function", "the server asks for an ack");
        requests.push(args);
        answer("pong", { echoed: args });
      });

      const reply = await socket.timeout(ACK_TIMEOUT * 2).emitWithAck("request-ack", "x", 1, { a: 2 });

      assert.deepEqual(requests, [[1, { a: 2 }]]);
      assert.deepEqual(reply, { reply: ["pong", { echoed: [1, { a: 2 }] }] });
    });

    it("requestAck_clientNeverAnswers_serverAcksTimeoutError", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const request = nextEvent(socket, "server-ack-request");

      // The server waits 2 s for the ack it asked for; give it room to answer after that.
      const reply = await socket.timeout(ACK_TIMEOUT * 3).emitWithAck("request-ack", "x", "ignored");

      const [arg, answer] = await request;
      assert.equal(arg, "ignored");
      assert.equal(typeof answer, "function");
      assert.deepEqual(reply, { error: "TimeoutException" });
    });
  });
}
