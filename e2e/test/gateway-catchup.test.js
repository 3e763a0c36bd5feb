import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers } from "../support/gateway.js";

// The catch-up itself (missed messages by lastSeq, paging with hasMore) is tested in Java (ChatJoinGatewayIT);
// these two edges are not yet.

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
  });
}
