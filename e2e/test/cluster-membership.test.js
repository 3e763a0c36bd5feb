// Two of our nodes (run.sh starts them in redis mode): a membership change made through one node is known to the
// other at once, not after its membership cache expires (10 s).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers } from "../support/gateway.js";

const APP2_URL = process.env.E2E_APP2_URL ?? "http://localhost:3401";
// Well below the cache's 10 s: only the word from the other node can make the refusal come this soon.
const KNOWN_WITHIN_MS = 3_000;

describe("chat membership across our nodes", () => {
  it("memberRemovedOnNode1_typingOnNode2RefusedAtOnce", { timeout: APP_TEST_TIMEOUT }, async (t) => {
    const [alice, bob] = await registerUsers("alice", "bob");
    const chat = await alice.createChat("group", [bob], "cache");
    const bobOnNode2 = await gatewayFor(t, MODES[0]).connect(bob, { url: APP2_URL });
    await bobOnNode2.typing(chat, true); // node 2 now holds the chat's members in its cache

    await alice.removeMember(chat, bob); // through node 1

    const deadline = Date.now() + KNOWN_WITHIN_MS;
    let reply;
    do {
      reply = await bobOnNode2.ack("message:typing", { chatId: chat.id, isTyping: false });
      if (!reply.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    assert.equal(reply.ok, false, `typing after removal answered ${JSON.stringify(reply)}`);
    assert.equal(reply.error.code, "FORBIDDEN");
  });
});
