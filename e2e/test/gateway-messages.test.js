import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers, teamAndSide } from "../support/gateway.js";

/**
 * The team-and-side cast connected, one socket each, every socket joined to its chats, plus a direct chat of
 * alice and bob. Negatives are proved by ordering: the gateway broadcasts a message before it acks the send, so
 * once a later send is acked, an earlier broadcast that reached a socket is already queued before the later one.
 */
async function connectedCast(t, mode) {
  const cast = await teamAndSide();
  const direct = await cast.alice.createChat("direct", [cast.bob]);
  const [alice, bob, carol, dave] = await gatewayFor(t, mode).connectAll(cast.alice, cast.bob, cast.carol, cast.dave);
  await Promise.all([
    alice.join(cast.team), bob.join(cast.team), carol.join(cast.team),
    alice.join(direct), bob.join(direct),
    carol.join(cast.side), dave.join(cast.side),
  ]);
  return { ...cast, direct, alice, bob, carol, dave };
}

function messageNew(message) {
  return { event: "message:new", data: { message } };
}

for (const mode of MODES) {
  describe(`gateway messages over ${mode.name}`, () => {
    it("send_nonMember_ackForbiddenAndNothingStoredOrBroadcast", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, dave, team } = await connectedCast(t, mode);

      const refused = await dave.ack("message:send", { chatId: team.id, text: "let me in" });
      const sent = await alice.send(team, "members only");

      assert.equal(refused.ok, false);
      assert.equal(refused.error.code, "FORBIDDEN");
      assert.equal(typeof refused.error.message, "string");
      assert.equal(sent.seq, 1, "the refused message took no seq");
      assert.deepEqual(await bob.next("message:new"), messageNew(sent));
    });
  });
}

describe("gateway messages with every member on another transport", () => {
  it("send_websocketPollingAndUpgraded_everyoneGetsTheSameMessageNew", { timeout: APP_TEST_TIMEOUT }, async (t) => {
    const [alice, bob, carol] = await registerUsers("alice", "bob", "carol");
    const chat = await alice.createChat("group", [bob, carol], "mixed");
    const clients = await Promise.all(
      [alice, bob, carol].map((user, i) => gatewayFor(t, MODES[i]).connect(user)),
    );
    await Promise.all(clients.map((client) => client.join(chat)));

    const sent = await Promise.all(clients.map((client) => client.send(chat, `from ${client.user.name}`)));

    const bySeq = (a, b) => a.seq - b.seq;
    assert.deepEqual(sent.map((message) => message.seq).sort(), [1, 2, 3]);
    for (const client of clients) {
      const received = [];
      for (let i = 0; i < 3; i++) {
        received.push((await client.next("message:new")).data.message);
      }
      // Concurrent senders: the order of arrival is not part of the contract, the messages are.
      assert.deepEqual(received.sort(bySeq), [...sent].sort(bySeq), `${client.user.name} gets all three`);
    }
  });
});
