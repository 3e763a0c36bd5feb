// Our server (realtime.cluster.mode=redis, started by run.sh) and Node's own cluster pieces on one Redis: a
// socket.io 4.8 server with @socket.io/redis-adapter 8 and @socket.io/redis-emitter. They must understand each
// other's broadcasts and requests, which only a real Node peer can show.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, it } from "node:test";
import { createAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";
import { createClient } from "redis";
import { Server } from "socket.io";
import { io } from "socket.io-client";
import { connected } from "../support/clients.js";
import { APP_TEST_TIMEOUT, Inbox, MODES, eventually, gatewayFor, registerUsers } from "../support/gateway.js";

const REDIS_URL = process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379";
const key = process.env.E2E_CLUSTER_PREFIX ?? "socket.io";
const APP2_URL = process.env.E2E_APP2_URL ?? "http://localhost:3401";

describe("cluster interop with Node's redis-adapter and redis-emitter", () => {
  let pub;
  let sub;
  let nodeServer;
  let nodeUrl;
  let emitter;

  before(async () => {
    pub = createClient({ url: REDIS_URL });
    sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    const http = createServer();
    nodeServer = new Server(http, { adapter: createAdapter(pub, sub, { key }) });
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    nodeUrl = `http://127.0.0.1:${http.address().port}`;
    emitter = new Emitter(pub, { key });
  });

  after(async () => {
    nodeServer.close();
    await Promise.allSettled([pub.quit(), sub.quit()]);
  });

  it("emitter_toUserAndChatRooms_ourSocketsGetIt", { timeout: APP_TEST_TIMEOUT }, async (t) => {
    const [alice] = await registerUsers("alice");
    const chat = await alice.createChat("group", [], "interop");
    const socket = await gatewayFor(t, MODES[0]).connect(alice);
    await socket.join(chat);

    emitter.to(`user:${alice.id}`).emit("from-emitter", { n: 1 });
    emitter.to(`chat:${chat.id}`).emit("from-emitter", Buffer.from([1, 2, 3]));

    assert.deepEqual((await socket.next("from-emitter")).data, { n: 1 });
    assert.deepEqual([...new Uint8Array((await socket.next("from-emitter")).data)], [1, 2, 3]);
  });

  it("ourTwoNodes_messageOnOneReachesTheOtherAndEmitterReachesBoth", { timeout: APP_TEST_TIMEOUT }, async (t) => {
    const [alice, bob] = await registerUsers("alice", "bob");
    const chat = await alice.createChat("group", [bob], "two nodes");
    const gateway = gatewayFor(t, MODES[0]);
    const aliceOnNode1 = await gateway.connect(alice);
    const bobOnNode2 = await gateway.connect(bob, { url: APP2_URL });
    const aliceOnNode2 = await gateway.connect(alice, { url: APP2_URL });
    await aliceOnNode1.join(chat);
    await bobOnNode2.join(chat);

    const sent = await aliceOnNode1.send(chat, "across nodes");
    emitter.to(`user:${alice.id}`).emit("from-emitter", "both");

    assert.deepEqual((await bobOnNode2.next("message:new")).data, { message: sent });
    assert.deepEqual((await aliceOnNode1.next("from-emitter")).data, "both");
    assert.deepEqual((await aliceOnNode2.next("from-emitter")).data, "both");
  });

  it("nodeServer_broadcastsBothWaysAndFetchSocketsSeesOurs", { timeout: APP_TEST_TIMEOUT }, async (t) => {
    const [alice] = await registerUsers("alice");
    const chat = await alice.createChat("group", [], "interop");
    const ours = await gatewayFor(t, MODES[0]).connect(alice);
    const nodeClient = io(nodeUrl, { forceNew: true, reconnection: false, transports: ["websocket"] });
    t.after(() => nodeClient.disconnect());
    await connected(nodeClient);

    const found = await nodeServer.in(`user:${alice.id}`).fetchSockets();
    assert.deepEqual(found.map((socket) => socket.id), [ours.socket.id]);
    assert.ok(found[0].rooms.has(`user:${alice.id}`));
    nodeServer.to(`user:${alice.id}`).emit("from-node", "hello");
    assert.deepEqual((await ours.next("from-node")).data, "hello");

    // Node's redis-adapter joins its own socket only when the request comes back from Redis; a message published
    // before that is dropped there as one for a room it does not have, so the test waits for the join.
    nodeServer.in(nodeClient.id).socketsJoin(`chat:${chat.id}`);
    await eventually(() => nodeServer.of("/").adapter.rooms.get(`chat:${chat.id}`)?.has(nodeClient.id), "join");
    const nodeInbox = new Inbox(nodeClient);
    const sent = await ours.send(chat, "to node");
    assert.deepEqual((await nodeInbox.next("message:new")).data, { message: sent });
  });
});
