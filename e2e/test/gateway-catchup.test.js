import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers } from "../support/gateway.js";

/** The gateway's realtime.gateway.catch-up-limit default: most messages one chat:join with lastSeq returns. */
const CATCH_UP_LIMIT = 100;

async function pairInAChat(t, mode) {
  const [alice, bob] = await registerUsers("alice", "bob");
  const chat = await alice.createChat("group", [bob], "catch-up");
  const gateway = gatewayFor(t, mode);
  const [aliceSocket, bobSocket] = await gateway.connectAll(alice, bob);
  await Promise.all([aliceSocket.join(chat), bobSocket.join(chat)]);
  return { alice, bob, chat, gateway, aliceSocket, bobSocket };
}

for (const mode of MODES) {
  describe(`gateway catch-up over ${mode.name}`, () => {
    it("joinWithLastSeq_afterReconnect_ackCarriesExactlyTheMissedMessages", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, chat, gateway, aliceSocket, bobSocket } = await pairInAChat(t, mode);
      const seen = [await aliceSocket.send(chat, "one"), await aliceSocket.send(chat, "two")];
      for (const message of seen) {
        assert.deepEqual(await bobSocket.next("message:new"), { event: "message:new", data: { message } });
      }
      bobSocket.disconnect();

      const missed = [
        await aliceSocket.send(chat, "three"),
        (await alice.post(chat, "four over REST")).body,
        await aliceSocket.send(chat, "five"),
      ];
      const back = await gateway.connect(bob);
      const joined = await back.join(chat, seen.at(-1).seq);
      const live = await aliceSocket.send(chat, "six");

      assert.deepEqual(missed.map((message) => message.seq), [3, 4, 5]);
      assert.deepEqual(joined, { ok: true, chatId: chat.id, messages: missed, hasMore: false });
      assert.deepEqual(await back.next("message:new"), { event: "message:new", data: { message: live } },
        "the missed messages come in the ack only, not again as events");
    });

    it("joinWithLastSeq_upToDate_ackHasNoMessages", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { chat, aliceSocket, bobSocket } = await pairInAChat(t, mode);
      const newest = await aliceSocket.send(chat, "already seen");

      const joined = await bobSocket.join(chat, newest.seq);

      assert.deepEqual(joined, { ok: true, chatId: chat.id, messages: [], hasMore: false });
    });

    it("joinWithoutLastSeq_chatWithMessages_ackCarriesNoHistory", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { chat, aliceSocket, bobSocket } = await pairInAChat(t, mode);
      await aliceSocket.send(chat, "history");

      const joined = await bobSocket.join(chat);

      assert.deepEqual(joined, { ok: true, chatId: chat.id });
    });

    it("joinWithLastSeq_gapLargerThanTheLimit_firstPageThenTheRest", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { chat, aliceSocket, bobSocket } = await pairInAChat(t, mode);
      const texts = Array.from({ length: CATCH_UP_LIMIT + 1 }, (_, i) => `message ${i + 1}`);
      // One after the other: a socket may have only a few dozen events waiting before RATE_LIMITED.
      for (const text of texts) {
        await aliceSocket.send(chat, text);
      }

      const first = await bobSocket.join(chat, 0);
      const rest = await bobSocket.join(chat, first.messages.at(-1).seq);

      assert.equal(first.hasMore, true);
      assert.deepEqual(first.messages.map((message) => message.text), texts.slice(0, CATCH_UP_LIMIT));
      assert.deepEqual(first.messages.map((message) => message.seq), texts.slice(0, CATCH_UP_LIMIT).map((_, i) => i + 1));
      assert.equal(rest.hasMore, false);
      assert.deepEqual(rest.messages.map((message) => [message.seq, message.text]), [[CATCH_UP_LIMIT + 1, texts.at(-1)]]);
    });
  });
}
