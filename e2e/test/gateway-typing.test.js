import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, teamAndSide } from "../support/gateway.js";

const TYPING = ["typing:start", "typing:stop"];

/**
 * The team-and-side cast with alice on two sockets, every socket joined to its chats. The gateway emits
 * typing:start and typing:stop before it acks message:typing (and before it acks the message:send that stops
 * typing), so once a later event is acked, an earlier one that reached a socket is queued before it.
 */
async function typingCast(t, mode) {
  const cast = await teamAndSide();
  const gateway = gatewayFor(t, mode);
  const [alice, aliceElsewhere, bob, carol, dave] = await gateway.connectAll(
    cast.alice, cast.alice, cast.bob, cast.carol, cast.dave);
  await Promise.all([
    ...[alice, aliceElsewhere, bob, carol].map((socket) => socket.join(cast.team)),
    carol.join(cast.side), dave.join(cast.side),
  ]);
  return { ...cast, alice, aliceElsewhere, bob, carol, dave };
}

function typing(event, chat, socket) {
  return { event, data: { chatId: chat.id, userId: socket.user.id } };
}

for (const mode of MODES) {
  describe(`gateway typing over ${mode.name}`, () => {
    it("typingStart_member_othersInTheChatGetTypingStartButNotTheTypersSockets", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, aliceElsewhere, bob, carol, dave, team, side } = await typingCast(t, mode);

      const ack = await alice.typing(team, true);
      await bob.typing(team, true);
      await carol.typing(side, true);

      assert.deepEqual(ack, { ok: true, chatId: team.id, isTyping: true });
      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, alice));
      assert.deepEqual(await carol.next(...TYPING), typing("typing:start", team, alice));
      assert.deepEqual(await carol.next(...TYPING), typing("typing:start", team, bob));
      for (const own of [alice, aliceElsewhere]) {
        assert.deepEqual(await own.next(...TYPING), typing("typing:start", team, bob), "not told of her own typing");
      }
      assert.deepEqual(await dave.next(...TYPING), typing("typing:start", side, carol), "nothing of team");
    });

    it("typingStart_nonMember_ackForbiddenAndNothingBroadcast", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { bob, carol, dave, team } = await typingCast(t, mode);

      const refused = await dave.ack("message:typing", { chatId: team.id, isTyping: true });
      await carol.typing(team, true);

      assert.equal(refused.ok, false);
      assert.equal(refused.error.code, "FORBIDDEN");
      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, carol));
    });

    it("typingStart_againWithinTimeout_notBroadcastAgainThenStopIsBroadcast", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, team } = await typingCast(t, mode);

      await alice.typing(team, true);
      await alice.typing(team, true);
      const stopped = await alice.typing(team, false);

      assert.deepEqual(stopped, { ok: true, chatId: team.id, isTyping: false });
      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, alice));
      assert.deepEqual(await bob.next(...TYPING), typing("typing:stop", team, alice), "the refresh was not broadcast");
    });

    it("typingStart_neverRefreshed_serverStopsItAfterTheTimeout", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, team } = await typingCast(t, mode);

      await alice.typing(team, true);

      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, alice));
      // Nobody sends anything: this stop can only come from the server's expiry.
      assert.deepEqual(await bob.next(...TYPING), typing("typing:stop", team, alice));
      await alice.typing(team, true);
      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, alice), "a new start after expiry");
    });

    it("send_whileTyping_stopsTypingSoTheNextStartIsBroadcast", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, team } = await typingCast(t, mode);
      await alice.typing(team, true);

      const sent = await alice.send(team, "done typing");
      await alice.typing(team, true);

      // Had the send not stopped typing, the second start would only refresh it and never reach bob.
      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, alice));
      assert.deepEqual(await bob.next(...TYPING), typing("typing:stop", team, alice));
      assert.deepEqual(await bob.next(...TYPING), typing("typing:start", team, alice));
      assert.deepEqual(await bob.next("message:new"), { event: "message:new", data: { message: sent } });
    });
  });
}
