import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, teamAndSide } from "../support/gateway.js";

// The handshake and the single failing event without an ack are tested in Java (HandshakeGatewayIT,
// ErrorsGatewayIT); these two are not yet.

/** Events that fail for dave, an outsider of team, each with its error code; some fail only after a database read. */
function failingEvents(team) {
  return [
    ["message:send", { chatId: team.id, text: "let me in" }, "FORBIDDEN"],
    ["chat:join", { chatId: "no-such-chat" }, "NOT_FOUND"],
    ["message:typing", { chatId: team.id }, "VALIDATION_FAILED"],
    ["message:send", "not an object", "VALIDATION_FAILED"],
    ["presence:update", { status: "busy" }, "VALIDATION_FAILED"],
  ];
}

function exception(code, event) {
  return { status: "error", code, event };
}

/** The exception event without its human-readable message, which is checked to be a string. */
async function nextException(socket) {
  const { data } = await socket.next("exception");
  const { message, ...rest } = data;
  assert.equal(typeof message, "string");
  return rest;
}

for (const mode of MODES) {
  describe(`gateway failures over ${mode.name}`, () => {
    it("emitWithoutAck_pipelinedFailingEvents_exceptionsInTheOrderSent", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { dave, team } = await teamAndSide();
      const socket = await gatewayFor(t, mode).connect(dave);
      const failing = failingEvents(team);

      // Repeated, because the overtaking needs the two replies to meet within one read of the event loop.
      for (let round = 0; round < 20; round++) {
        for (const [event, payload] of failing) {
          socket.emit(event, payload);
        }
        const received = [];
        for (let i = 0; i < failing.length; i++) {
          received.push(await nextException(socket));
        }

        assert.deepEqual(received, failing.map(([event, , code]) => exception(code, event)), `round ${round}`);
      }
    });

    it("emitWithAck_failingEvent_errorInTheAckAndNoExceptionEvent", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, dave, team } = await teamAndSide();
      const [aliceSocket, daveSocket] = await gatewayFor(t, mode).connectAll(alice, dave);
      await aliceSocket.join(team);

      const forbidden = await daveSocket.ack("chat:join", { chatId: team.id });
      const notFound = await daveSocket.ack("chat:join", { chatId: "no-such-chat" });
      const empty = await aliceSocket.ack("message:send", { chatId: team.id, text: "   " });
      // Without an ack, a success is silent and a failure is an exception event.
      aliceSocket.emit("message:send", { chatId: team.id, text: "fine" });
      daveSocket.emit("chat:leave", {});

      assert.deepEqual(forbidden, { ok: false, error: { code: "FORBIDDEN", message: forbidden.error.message } });
      assert.equal(notFound.error?.code, "NOT_FOUND");
      assert.equal(empty.error?.code, "VALIDATION_FAILED");
      assert.equal((await aliceSocket.next("message:new")).data.message.text, "fine");
      assert.deepEqual(await nextException(daveSocket), exception("VALIDATION_FAILED", "chat:leave"),
        "the acked failures raised no exception event");
    });
  });
}
