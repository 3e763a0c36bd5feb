import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers } from "../support/gateway.js";

function chatCreated(chat) {
  return { event: "chat:created", data: { chat } };
}

for (const mode of MODES) {
  describe(`gateway chat:created over ${mode.name}`, () => {
    // chat:created goes to every socket of each member, joined to a chat room or not; the server emits it
    // before the REST call answers, so a later creation's event proves that an earlier one did not come.
    it("createChatOverRest_group_everySocketOfEveryMemberGetsChatCreated", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice, bob, carol, dave] = await registerUsers("alice", "bob", "carol", "dave");
      const gateway = gatewayFor(t, mode);
      const sockets = await gateway.connectAll(alice, bob, carol, dave);
      const bobElsewhere = await gateway.connect(bob);
      const [aliceSocket, bobSocket, carolSocket, daveSocket] = sockets;

      const group = await alice.createChat("group", [bob, carol], "plans");
      const direct = await carol.createChat("direct", [dave]);

      assert.equal(group.type, "group");
      assert.equal(group.title, "plans");
      assert.deepEqual([...group.memberIds].sort(), [alice.id, bob.id, carol.id].sort());
      for (const socket of [aliceSocket, bobSocket, bobElsewhere, carolSocket]) {
        assert.deepEqual(await socket.next("chat:created"), chatCreated(group));
      }
      assert.deepEqual(await carolSocket.next("chat:created"), chatCreated(direct));
      assert.deepEqual(await daveSocket.next("chat:created"), chatCreated(direct), "dave is no member of the group");
    });

    it("addMembersOverRest_newMember_getsChatCreatedThenMessagesOnceJoined", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice, bob, dave] = await registerUsers("alice", "bob", "dave");
      const group = await alice.createChat("group", [bob], "grows");
      const [aliceSocket, daveSocket] = await gatewayFor(t, mode).connectAll(alice, dave);
      await aliceSocket.join(group);

      const grown = await alice.addMembers(group, [dave]);
      const { data } = await daveSocket.next("chat:created");
      await daveSocket.join(group);
      const sent = await aliceSocket.send(group, "welcome dave");

      assert.deepEqual(data, { chat: grown });
      assert.ok(grown.memberIds.includes(dave.id));
      assert.deepEqual(await daveSocket.next("message:new"), { event: "message:new", data: { message: sent } });
    });
  });
}
