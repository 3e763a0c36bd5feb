import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ACK_TIMEOUT, MODES, TEST_TIMEOUT, bytes, clientsFor, record } from "../support/clients.js";

const ROOM = "r1";
const EVERYONE = "r1-and-outsider";

function join(socket, room) {
  return socket.timeout(ACK_TIMEOUT).emitWithAck("join", room);
}

function leave(socket, room) {
  return socket.timeout(ACK_TIMEOUT).emitWithAck("leave", room);
}

/**
 * Two members of ROOM and an outsider, all three in EVERYONE, each recording its "broadcast" events.
 * A broadcast to EVERYONE after one to ROOM proves the outsider missed the first: per sender, the server
 * delivers in order, so the outsider's first broadcast must be the later one.
 */
async function roomOfTwoAndAnOutsider(t, mode) {
  const clients = clientsFor(t, mode);
  const [alice, bob, carol] = await Promise.all([clients.connect(), clients.connect(), clients.connect()]).then(
    (connected) => connected.map(({ socket }) => socket),
  );
  await Promise.all([join(alice, ROOM), join(bob, ROOM), join(alice, EVERYONE), join(bob, EVERYONE), join(carol, EVERYONE)]);
  const [toAlice, toBob, toCarol] = [alice, bob, carol].map((socket) => record(socket, "broadcast"));
  return { alice, bob, carol, toAlice, toBob, toCarol };
}

for (const mode of MODES) {
  describe(`rooms over ${mode.name}`, () => {
    it("join_room_ackListsOwnIdAndRoomSorted", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();

      const rooms = await join(socket, ROOM);

      assert.deepEqual(rooms, [socket.id, ROOM].sort());
    });

    it("leave_joinedRoom_ackListsOnlyOwnId", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      await join(socket, ROOM);

      const rooms = await leave(socket, ROOM);

      assert.deepEqual(rooms, [socket.id]);
    });

    it("broadcast_toRoom_reachesBothMembersAndNotTheOutsider", { timeout: TEST_TIMEOUT }, async (t) => {
      const { alice, carol, toAlice, toBob, toCarol } = await roomOfTwoAndAnOutsider(t, mode);

      carol.emit("broadcast", ROOM, "members only", { n: 1 });

      assert.deepEqual(await toAlice.next(), ["members only", { n: 1 }]);
      assert.deepEqual(await toBob.next(), ["members only", { n: 1 }]);

      carol.emit("broadcast", EVERYONE, "everyone");

      assert.deepEqual(await toCarol.next(), ["everyone"], "the outsider's first broadcast is the later one");
      assert.deepEqual(await toAlice.next(), ["everyone"]);
      assert.equal(alice.connected, true);
    });

    it("broadcast_fromMember_reachesTheSenderToo", { timeout: TEST_TIMEOUT }, async (t) => {
      const { alice, toAlice, toBob, toCarol } = await roomOfTwoAndAnOutsider(t, mode);

      alice.emit("broadcast", ROOM, "from alice");

      assert.deepEqual(await toAlice.next(), ["from alice"]);
      assert.deepEqual(await toBob.next(), ["from alice"]);

      alice.emit("broadcast", EVERYONE, "everyone");

      assert.deepEqual(await toCarol.next(), ["everyone"]);
    });

    it("broadcastOthers_toRoom_excludesTheSender", { timeout: TEST_TIMEOUT }, async (t) => {
      const { alice, toAlice, toBob, toCarol } = await roomOfTwoAndAnOutsider(t, mode);

      alice.emit("broadcast-others", ROOM, "not for alice", [1, 2]);

      assert.deepEqual(await toBob.next(), ["not for alice", [1, 2]]);

      alice.emit("broadcast", EVERYONE, "everyone");

      assert.deepEqual(await toAlice.next(), ["everyone"], "the sender's first broadcast is the later one");
      assert.deepEqual(await toCarol.next(), ["everyone"], "the outsider's first broadcast is the later one");
      assert.deepEqual(await toBob.next(), ["everyone"]);
    });

    it("broadcast_afterLeave_noLongerReachesTheLeaver", { timeout: TEST_TIMEOUT }, async (t) => {
      const { alice, bob, toAlice, toBob } = await roomOfTwoAndAnOutsider(t, mode);
      await leave(bob, ROOM);

      alice.emit("broadcast", ROOM, "bob left");

      assert.deepEqual(await toAlice.next(), ["bob left"]);

      alice.emit("broadcast", EVERYONE, "everyone");

      assert.deepEqual(await toBob.next(), ["everyone"], "the leaver's first broadcast is the later one");
    });

    it("broadcast_binaryArg_everyMemberGetsIdenticalBytes", { timeout: TEST_TIMEOUT }, async (t) => {
      const { carol, toAlice, toBob } = await roomOfTwoAndAnOutsider(t, mode);
      const sent = Buffer.from([0, 1, 2, 253, 254, 255]);

      carol.emit("broadcast", ROOM, "file", sent);

      for (const received of [await toAlice.next(), await toBob.next()]) {
        assert.equal(received[0], "file");
        assert.deepEqual(bytes(received[1]), sent);
      }
    });
  });
}
