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
    it("send_inSeveralChats_eachJoinedMemberGetsMessageNewOfItsChatsOnly", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, carol, dave, team, side, direct } = await connectedCast(t, mode);

      const inTeam = await alice.send(team, "hello team");
      const inDirect = await bob.send(direct, "just us");
      const inSide = await carol.send(side, "hello side");
      const again = await alice.send(team, "team again");

      assert.equal(inTeam.chatId, team.id);
      assert.equal(inTeam.senderId, alice.user.id);
      assert.equal(inTeam.text, "hello team");
      assert.equal(inTeam.seq, 1);
      assert.equal(inDirect.seq, 1);
      assert.equal(again.seq, 2);
      for (const member of [alice, bob]) {
        assert.deepEqual(await member.next("message:new"), messageNew(inTeam));
        assert.deepEqual(await member.next("message:new"), messageNew(inDirect));
        assert.deepEqual(await member.next("message:new"), messageNew(again), "side is not their chat");
      }
      assert.deepEqual(await carol.next("message:new"), messageNew(inTeam));
      assert.deepEqual(await carol.next("message:new"), messageNew(inSide), "the direct chat is not carol's");
      assert.deepEqual(await carol.next("message:new"), messageNew(again));
      assert.deepEqual(await dave.next("message:new"), messageNew(inSide), "dave's first message is of his chat");
    });

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

    it("join_nonMember_ackForbiddenAndNoMessageOfThatChatArrives", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, carol, dave, team, side } = await connectedCast(t, mode);

      const refused = await dave.ack("chat:join", { chatId: team.id });
      await alice.send(team, "not for dave");
      const inSide = await carol.send(side, "for dave");

      assert.equal(refused.ok, false);
      assert.equal(refused.error.code, "FORBIDDEN");
      assert.deepEqual(await dave.next("message:new"), messageNew(inSide));
    });

    it("postOverRest_member_everyJoinedSocketGetsMessageNewIncludingTheSenders", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, carol, dave, team, side } = await connectedCast(t, mode);

      const posted = await alice.user.post(team, "via REST");
      const inSide = await carol.send(side, "witness");

      assert.equal(posted.status, 201);
      assert.equal(posted.body.text, "via REST");
      for (const member of [alice, bob, carol]) {
        assert.deepEqual(await member.next("message:new"), messageNew(posted.body));
      }
      assert.deepEqual(await dave.next("message:new"), messageNew(inSide));
    });

    it("send_retryWithSameClientMessageId_ackReturnsOriginalAndBroadcastsOnce", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, team } = await connectedCast(t, mode);

      const original = await alice.send(team, "only once", "client-1");
      const retried = await alice.send(team, "only once", "client-1");
      const retriedOverRest = await alice.user.post(team, "only once", "client-1");
      const next = await alice.send(team, "the next one", "client-2");

      assert.equal(original.clientMessageId, "client-1");
      assert.deepEqual(retried, original);
      assert.equal(retriedOverRest.status, 200);
      assert.deepEqual(retriedOverRest.body, original);
      assert.equal(next.seq, original.seq + 1);
      assert.deepEqual(await bob.next("message:new"), messageNew(original));
      assert.deepEqual(await bob.next("message:new"), messageNew(next), "the retries were not broadcast");
      assert.deepEqual(await alice.next("message:new"), messageNew(original));
      assert.deepEqual(await alice.next("message:new"), messageNew(next));
    });

    it("editThenDeleteOverRest_sender_membersGetMessageUpdatedThenMessageDeleted", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, carol, dave, team, side } = await connectedCast(t, mode);
      const sent = await alice.send(team, "draft");

      const edited = await alice.user.edit(sent, "final");
      const deleted = await alice.user.delete(sent);
      const inSide = await carol.send(side, "witness");

      assert.equal(edited.text, "final");
      assert.equal(typeof edited.editedAt, "string");
      assert.equal(deleted.text, null);
      assert.equal(typeof deleted.deletedAt, "string");
      const events = ["message:new", "message:updated", "message:deleted"];
      for (const member of [alice, bob, carol]) {
        assert.deepEqual(await member.next(...events), messageNew(sent));
        assert.deepEqual(await member.next(...events), { event: "message:updated", data: { message: edited } });
        assert.deepEqual(await member.next(...events), {
          event: "message:deleted",
          data: { chatId: team.id, messageId: sent.id, seq: sent.seq },
        });
      }
      assert.deepEqual(await dave.next(...events), messageNew(inSide), "dave saw nothing of team");
    });

    it("removeMemberOverRest_removedUser_everySocketOfItStopsGettingMessageNew", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, carol, dave, team, side } = await connectedCast(t, mode);
      const carolElsewhere = await gatewayFor(t, mode).connect(carol.user);
      await Promise.all([carolElsewhere.join(team), carolElsewhere.join(side)]);

      const after = await alice.user.removeMember(team, carol.user);
      const unseen = await alice.send(team, "carol is gone");
      const inSide = await dave.send(side, "still here");

      assert.deepEqual([...after.memberIds].sort(), [alice.user.id, bob.user.id].sort());
      assert.deepEqual(await bob.next("message:new"), messageNew(unseen));
      for (const socket of [carol, carolElsewhere]) {
        assert.deepEqual(await socket.next("message:new"), messageNew(inSide), "the removed user's first message");
      }
      assert.equal((await carol.ack("chat:join", { chatId: team.id })).error?.code, "FORBIDDEN");
      assert.equal((await carol.ack("message:send", { chatId: team.id, text: "x" })).error?.code, "FORBIDDEN");
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
