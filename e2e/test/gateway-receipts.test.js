import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, teamAndSide } from "../support/gateway.js";

/**
 * The team-and-side cast, connected but joined to no chat: message:status goes to every socket of each member
 * of the chat, whether it joined the chat's room or not. Two messages in team, one in side.
 */
async function receiptsCast(t, mode) {
  const cast = await teamAndSide();
  const [alice, bob, carol, dave] = await gatewayFor(t, mode).connectAll(cast.alice, cast.bob, cast.carol, cast.dave);
  for (const text of ["first", "second"]) {
    assert.equal((await cast.alice.post(cast.team, text)).status, 201);
  }
  assert.equal((await cast.carol.post(cast.side, "side")).status, 201);
  return { ...cast, alice, bob, carol, dave };
}

function status(chat, socket, kind, seq) {
  return { event: "message:status", data: { chatId: chat.id, userId: socket.user.id, status: kind, seq } };
}

for (const mode of MODES) {
  describe(`gateway receipts over ${mode.name}`, () => {
    it("deliveredThenRead_positionsOnlyMoveForward_onlyMovesAreBroadcast", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, team } = await receiptsCast(t, mode);

      const delivered = await bob.ok("message:delivered", { chatId: team.id, seq: 1 });
      const deliveredAgain = await bob.ok("message:delivered", { chatId: team.id, seq: 1 });
      const read = await bob.ok("message:read", { chatId: team.id, seq: 1 });
      const readBackward = await bob.ok("message:read", { chatId: team.id, seq: 0 });
      const readAll = await bob.ok("message:read", { chatId: team.id, seq: 2 });

      const position = (lastReadSeq, lastDeliveredSeq) => ({ userId: bob.user.id, lastReadSeq, lastDeliveredSeq });
      assert.deepEqual(delivered.position, position(0, 1));
      assert.deepEqual(deliveredAgain.position, position(0, 1));
      assert.deepEqual(read.position, position(1, 1));
      assert.deepEqual(readBackward.position, position(1, 1));
      assert.deepEqual(readAll.position, position(2, 2));
      for (const member of [alice, bob]) {
        assert.deepEqual(await member.next("message:status"), status(team, bob, "delivered", 1));
        assert.deepEqual(await member.next("message:status"), status(team, bob, "read", 1), "no second delivered");
        assert.deepEqual(await member.next("message:status"), status(team, bob, "read", 2), "no backward read");
      }
    });

    it("read_invalidPositionOrNonMember_ackCarriesTheError", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const { alice, bob, dave, team } = await receiptsCast(t, mode);

      const beyond = await bob.ack("message:read", { chatId: team.id, seq: 3 });
      const noSeq = await bob.ack("message:delivered", { chatId: team.id });
      const outsider = await dave.ack("message:read", { chatId: team.id, seq: 1 });
      await bob.ok("message:read", { chatId: team.id, seq: 1 });

      assert.equal(beyond.error?.code, "VALIDATION_FAILED");
      assert.equal(noSeq.error?.code, "VALIDATION_FAILED");
      assert.equal(outsider.error?.code, "FORBIDDEN");
      assert.deepEqual(await alice.next("message:status"), status(team, bob, "read", 1), "no refused one was broadcast");
    });
  });
}
