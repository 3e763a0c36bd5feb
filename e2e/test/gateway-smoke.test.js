import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers } from "../support/gateway.js";

/*
 * The official JS client against the chat gateway, once per way it reaches the server (websocket, polling,
 * polling upgraded to websocket mid-flight). Each behaviour's main test is in Java (src/test/java/dev/realtime/
 * gateway/*GatewayIT); this proves the npm client speaks the same protocol: join, send with ack, message:new,
 * typing, presence.
 */

const PRESENCE = ["presence:online", "presence:offline"];
const TYPING = ["typing:start", "typing:stop"];

for (const mode of MODES) {
  describe(`gateway chat flow over ${mode.name}`, () => {
    it("chatFlow_joinTypeSendAndLeave_eachEventReachesTheOtherMember", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice, bob] = await registerUsers("alice", "bob");
      const chat = await alice.createChat("group", [bob], "smoke");
      const gateway = gatewayFor(t, mode);
      const bobSocket = await gateway.connect(bob);
      const aliceSocket = await gateway.connect(alice);
      const online = await bobSocket.next(...PRESENCE);

      const joined = await aliceSocket.join(chat);
      await bobSocket.join(chat);
      const typing = await aliceSocket.typing(chat, true);
      const typingStart = await bobSocket.next(...TYPING);
      const sent = await aliceSocket.ok("message:send", { chatId: chat.id, text: "hello bob" });
      const typingStop = await bobSocket.next(...TYPING);
      aliceSocket.disconnect();
      const offline = await bobSocket.next(...PRESENCE);

      assert.deepEqual(online, { event: "presence:online", data: { userId: alice.id, status: "online" } });
      assert.deepEqual(joined, { ok: true, chatId: chat.id });
      assert.deepEqual(typing, { ok: true, chatId: chat.id, isTyping: true });
      assert.deepEqual(typingStart, { event: "typing:start", data: { chatId: chat.id, userId: alice.id } });
      assert.equal(sent.message.chatId, chat.id);
      assert.equal(sent.message.senderId, alice.id);
      assert.equal(sent.message.text, "hello bob");
      assert.equal(sent.message.seq, 1);
      assert.deepEqual(await bobSocket.next("message:new"), { event: "message:new", data: { message: sent.message } });
      assert.deepEqual(typingStop, { event: "typing:stop", data: { chatId: chat.id, userId: alice.id } },
        "sending stopped alice's typing");
      assert.equal(offline.event, "presence:offline");
      assert.equal(offline.data.userId, alice.id);
      assert.equal(typeof offline.data.lastSeenAt, "string");
    });
  });
}
