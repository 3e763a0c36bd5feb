import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, teamAndSide } from "../support/gateway.js";

const PRESENCE = ["presence:online", "presence:offline"];

/*
 * Presence goes to the users who share a chat with the user: in the team-and-side cast alice's contacts are bob
 * and carol, dave's only carol. One presence event is one broadcast to all contacts, so once one contact got it,
 * any other recipient has it queued; an event caused after that (carol connecting) is the proof that dave got
 * none of alice's. Offline comes after the 500 ms grace period: the tests wait for the event, never for a time.
 */

function online(socket, status = "online") {
  return { event: "presence:online", data: { userId: socket.user.id, status } };
}

for (const mode of MODES) {
  describe(`gateway presence over ${mode.name}`, () => {
    it("presenceUpdate_awayThenOnline_contactsGetEachStatusOthersNothing", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const cast = await teamAndSide();
      const gateway = gatewayFor(t, mode);
      const [bob, dave] = await gateway.connectAll(cast.bob, cast.dave);
      const alice = await gateway.connect(cast.alice);
      assert.deepEqual(await bob.next(...PRESENCE), online(alice));

      const away = await alice.ok("presence:update", { status: "away" });
      assert.deepEqual(await bob.next(...PRESENCE), online(alice, "away"));
      const shownAway = await bob.user.presenceOf(alice.user);
      const back = await alice.ok("presence:update", { status: "online" });
      assert.deepEqual(await bob.next(...PRESENCE), online(alice, "online"));
      const refused = await alice.ack("presence:update", { status: "busy" });
      const carol = await gateway.connect(cast.carol);

      assert.deepEqual(away, { ok: true, status: "away" });
      assert.deepEqual(shownAway, [{ userId: alice.user.id, status: "away", lastSeenAt: null }]);
      assert.deepEqual(back, { ok: true, status: "online" });
      assert.equal(refused.ok, false);
      assert.equal(refused.error.code, "VALIDATION_FAILED");
      assert.deepEqual(await bob.next(...PRESENCE), online(carol), "the refused update was not broadcast");
      assert.deepEqual(await dave.next(...PRESENCE), online(carol), "dave shares no chat with alice");
    });
  });
}
