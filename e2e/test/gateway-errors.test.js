import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { connected } from "../support/clients.js";
import {
  APP_TEST_TIMEOUT,
  GatewayClient,
  MODES,
  gatewayFor,
  registerUsers,
  teamAndSide,
} from "../support/gateway.js";

/** Resolves with the connect_error; fails if the socket connects instead. */
function refused(socket) {
  return connected(socket).then(
    () => assert.fail("connected without a valid token"),
    (error) => error,
  );
}

/** A well-formed HS256 token for the user that the server did not sign. */
function forgedToken(userId) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: "HS256" })}.${part({ iss: "realtime", sub: userId, iat: now, exp: now + 3600 })}`;
  const signature = createHmac("sha256", "not-the-server-secret-0123456789abcdef").update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

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
  describe(`gateway handshake over ${mode.name}`, () => {
    it("connect_missingMalformedOrForgedToken_connectErrorUnauthorized", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice] = await registerUsers("alice");
      const gateway = gatewayFor(t, mode);

      for (const token of [undefined, "", "not-a-jwt", forgedToken(alice.id)]) {
        const socket = gateway.open(token);
        const error = await refused(socket);

        assert.equal(error.message, "unauthorized", `token ${JSON.stringify(token)}`);
        assert.equal(socket.connected, false);
      }
    });

    it("connect_tokenInAuthorizationHeader_connectsAsThatUser", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice] = await registerUsers("alice");
      const chat = await alice.createChat("group", [], "alice alone");
      const gateway = gatewayFor(t, mode);
      const socket = gateway.open(undefined, { extraHeaders: { authorization: `Bearer ${alice.token}` } });
      const client = new GatewayClient(alice, socket);

      await connected(socket);
      const joined = await client.join(chat);

      assert.deepEqual(joined, { ok: true, chatId: chat.id }, "only alice may join: the socket is hers");
    });
  });

  describe(`gateway failures over ${mode.name}`, () => {
    it("emitWithoutAck_failingEvent_exceptionEventNamesCodeAndEvent", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { dave, team } = await teamAndSide();
      const socket = await gatewayFor(t, mode).connect(dave);

      for (const [event, payload, code] of failingEvents(team)) {
        socket.emit(event, payload);

        assert.deepEqual(await nextException(socket), exception(code, event), `${event} ${JSON.stringify(payload)}`);
      }
    });

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
