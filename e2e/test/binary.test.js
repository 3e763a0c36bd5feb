import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ACK_TIMEOUT, MODES, TEST_TIMEOUT, bytes, clientsFor, emitWithAckArgs, nextEvent } from "../support/clients.js";

/** Every byte value once, so a text or base64 mishandling of any byte shows. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

for (const mode of MODES) {
  describe(`binary over ${mode.name}`, () => {
    it("message_bufferArg_messageBackHasIdenticalBytes", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const echoed = nextEvent(socket, "message-back");

      socket.emit("message", ALL_BYTES);

      const args = await echoed;
      assert.equal(args.length, 1);
      assert.deepEqual(bytes(args[0]), ALL_BYTES);
    });

    it("message_uint8ArrayArg_messageBackHasIdenticalBytes", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const sent = new Uint8Array([0, 1, 127, 128, 254, 255]);
      const echoed = nextEvent(socket, "message-back");

      socket.emit("message", sent);

      const [received] = await echoed;
      assert.deepEqual(bytes(received), Buffer.from(sent));
    });

    it("message_binaryNestedAmongOtherArgs_eachArgComesBackInPlace", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const first = Buffer.from("first attachment");
      const second = new Uint8Array([9, 8, 7]);
      const echoed = nextEvent(socket, "message-back");

      socket.emit("message", "text", { file: first, meta: { n: 1 } }, [2, second]);

      const [text, object, list] = await echoed;
      assert.equal(text, "text");
      assert.deepEqual(bytes(object.file), first);
      assert.deepEqual(object.meta, { n: 1 });
      assert.equal(list[0], 2);
      assert.deepEqual(bytes(list[1]), Buffer.from(second));
    });

    it("message_largeBuffer_messageBackHasIdenticalBytes", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      const sent = Buffer.alloc(200 * 1024, ALL_BYTES);
      const echoed = nextEvent(socket, "message-back");

      socket.emit("message", sent);

      const [received] = await echoed;
      assert.ok(bytes(received).equals(sent), "200 KiB come back unchanged");
    });

    it("messageWithAck_bufferArg_ackHasIdenticalBytes", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();

      const reply = await emitWithAckArgs(socket, "message-with-ack", "label", ALL_BYTES);

      assert.equal(reply[0], "label");
      assert.deepEqual(bytes(reply[1]), ALL_BYTES);
    });

    it("requestAck_clientAnswersWithBuffer_serverRelaysIdenticalBytes", { timeout: TEST_TIMEOUT }, async (t) => {
      const { socket } = await clientsFor(t, mode).connect();
      socket.on("server-ack-request", (answer) => answer(ALL_BYTES));

      const reply = await socket.timeout(ACK_TIMEOUT * 2).emitWithAck("request-ack", "x");

      assert.equal(reply.reply.length, 1);
      assert.deepEqual(bytes(reply.reply[0]), ALL_BYTES);
    });
  });
}
