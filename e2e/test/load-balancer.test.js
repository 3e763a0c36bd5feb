// HAProxy with deploy/haproxy/haproxy.cfg in front of our two nodes (run.sh starts them in redis mode), started
// here. Long-polling needs every request of an Engine.IO session on the node that holds it: the cookie HAProxy
// sets keeps a client there, its address does for a client without cookies, and a message sent through one node
// reaches the sockets on the other. A round-robin variant without affinity shows what breaks without it.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { APP_TEST_TIMEOUT, MODES, gatewayFor, registerUsers } from "../support/gateway.js";
import {
  alternatingSourceAgent, closeSession, handshakeFrom, nodeHolding, startHaproxy,
} from "../support/load-balancer.js";

const STICKY_CONFIG = fileURLToPath(new URL("../../deploy/haproxy/haproxy.cfg", import.meta.url));
const ROUND_ROBIN_CONFIG = fileURLToPath(new URL("../support/haproxy-without-affinity.cfg", import.meta.url));
const COOKIE = "realtime_node";
/** Messages each way: in polling, each is a POST and a poll answer, any of which fails on the wrong node. */
const EXCHANGES = 20;
/** Loopback addresses a client can send from; the source hash puts some of them on each node. */
const ADDRESSES = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 2}`);
const POLLING = MODES.find((mode) => mode.name === "polling only");
const WEBSOCKET = MODES.find((mode) => mode.name === "websocket only");

/**
 * `first` sends EXCHANGES messages, then `second` does, each acked; both sockets then get all of them as
 * message:new. Across nodes only each sender's order is kept (the rooms adapter's contract), so that is checked.
 */
async function talk(first, second, chat) {
  const sent = new Map();
  for (const client of [first, second]) {
    const messages = [];
    for (let i = 0; i < EXCHANGES; i++) {
      messages.push(await client.send(chat, `${client.user.name} ${i}`));
    }
    sent.set(client.user.id, messages);
  }
  for (const client of [first, second]) {
    const received = new Map([...sent.keys()].map((id) => [id, []]));
    for (let i = 0; i < 2 * EXCHANGES; i++) {
      const { data } = await client.next("message:new");
      received.get(data.message.senderId).push(data.message);
    }
    assert.deepEqual(received, sent, `what ${client.user.name} received, by sender`);
  }
}

function engineIdOf(client) {
  return client.socket.io.engine.id;
}

describe("load balancer: deploy/haproxy/haproxy.cfg in front of our two nodes", () => {
  let sticky;
  let roundRobin;
  /** Per node (0, 1): a loopback address whose cookieless handshake HAProxy sends to that node. */
  let addressOf;

  before(async () => {
    sticky = await startHaproxy(STICKY_CONFIG);
    roundRobin = await startHaproxy(ROUND_ROBIN_CONFIG);
    const handshakes = [];
    for (const address of ADDRESSES) {
      handshakes.push({ address, ...(await handshakeFrom(sticky.url, address, COOKIE)) });
    }
    await Promise.all(handshakes.map(({ sid }) => closeSession(sid)));
    addressOf = ["node1", "node2"].map((node) => handshakes.find(({ cookie }) => cookie === node)?.address);
    assert.ok(addressOf.every(Boolean), `the source hash put ${ADDRESSES.length} addresses on one node only`);
  });

  after(async () => {
    await Promise.all([sticky?.stop(), roundRobin?.stop()]);
  });

  it("handshake_setsTheCookieOfTheNodeThatHoldsTheSession", { timeout: APP_TEST_TIMEOUT }, async () => {
    for (const node of [0, 1]) {
      const { sid, cookie } = await handshakeFrom(sticky.url, addressOf[node], COOKIE);

      assert.equal(cookie, `node${node + 1}`);
      assert.equal(await nodeHolding(sid), node);
      await closeSession(sid);
    }
  });

  for (const mode of MODES) {
    describe(`over ${mode.name}`, () => {
      it("cookieNamesTheNode_usersOnBothNodes_everyMessageCrossesToTheOther", { timeout: APP_TEST_TIMEOUT }, async (t) => {
        const [alice, bob] = await registerUsers("alice", "bob");
        const chat = await alice.createChat("group", [bob], "balanced");
        const gateway = gatewayFor(t, mode);
        // The cookie overrides the source hash, which sends every client of this one address to the same node.
        const aliceClient = await gateway.connect(alice, { url: sticky.url, extraHeaders: { cookie: `${COOKIE}=node1` } });
        const bobClient = await gateway.connect(bob, { url: sticky.url, extraHeaders: { cookie: `${COOKIE}=node2` } });
        const sessions = [aliceClient, bobClient].map(engineIdOf);
        assert.deepEqual(await Promise.all(sessions.map(nodeHolding)), [0, 1]);
        await aliceClient.join(chat);
        await bobClient.join(chat);

        await talk(aliceClient, bobClient, chat);

        assert.deepEqual([aliceClient, bobClient].map(engineIdOf), sessions, "still the first sessions");
        assert.deepEqual(await Promise.all(sessions.map(nodeHolding)), [0, 1]);
        assert.ok(aliceClient.socket.connected && bobClient.socket.connected);
      });

      it("keepsCookies_everyConnectionFromAnotherAddress_staysOnItsHandshakeNode", { timeout: APP_TEST_TIMEOUT }, async (t) => {
        const [alice, bob] = await registerUsers("alice", "bob");
        const chat = await alice.createChat("group", [bob], "moving");
        const gateway = gatewayFor(t, mode);
        // Alternating between addresses the source hash sends to different nodes: only the cookie, which the
        // client keeps with withCredentials, can hold these sessions on one node.
        const moving = (first) => ({
          url: sticky.url,
          withCredentials: true,
          agent: alternatingSourceAgent([addressOf[first], addressOf[1 - first]]),
        });
        const aliceClient = await gateway.connect(alice, moving(0));
        const bobClient = await gateway.connect(bob, moving(1));
        const sessions = [aliceClient, bobClient].map(engineIdOf);
        assert.deepEqual(await Promise.all(sessions.map(nodeHolding)), [0, 1]);
        await aliceClient.join(chat);
        await bobClient.join(chat);

        await talk(aliceClient, bobClient, chat);

        assert.deepEqual([aliceClient, bobClient].map(engineIdOf), sessions, "still the first sessions");
        assert.deepEqual(await Promise.all(sessions.map(nodeHolding)), [0, 1]);
      });

      it("noCookies_oneAddress_staysOnOneNode", { timeout: APP_TEST_TIMEOUT }, async (t) => {
        const [alice, bob] = await registerUsers("alice", "bob");
        const chat = await alice.createChat("group", [bob], "cookieless");
        const gateway = gatewayFor(t, mode);
        // The Node client drops cookies unless told otherwise: these rely on the source hash alone.
        const aliceClient = await gateway.connect(alice, { url: sticky.url });
        const bobClient = await gateway.connect(bob, { url: sticky.url });
        const sessions = [aliceClient, bobClient].map(engineIdOf);
        const nodes = await Promise.all(sessions.map(nodeHolding));
        assert.equal(nodes[0], nodes[1], "one address, one node");
        await aliceClient.join(chat);
        await bobClient.join(chat);

        await talk(aliceClient, bobClient, chat);

        assert.deepEqual([aliceClient, bobClient].map(engineIdOf), sessions, "still the first sessions");
        assert.deepEqual(await Promise.all(sessions.map(nodeHolding)), nodes);
      });
    });
  }

  it("noCookies_addressChangesBetweenPolls_sessionIdUnknown", { timeout: APP_TEST_TIMEOUT }, async (t) => {
    const [alice] = await registerUsers("alice");
    // The handshake comes from an address hashed to node1, the next connection from one hashed to node2.
    const socket = gatewayFor(t, POLLING).open(alice.token, {
      url: sticky.url,
      agent: alternatingSourceAgent([addressOf[0], addressOf[1]]),
    });

    assertSessionIdUnknown(await refusal(socket));
  });

  describe("without affinity (round robin, e2e/support/haproxy-without-affinity.cfg)", () => {
    it("pollingClient_nextRequestReachesTheOtherNode_sessionIdUnknown", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice] = await registerUsers("alice");
      const socket = gatewayFor(t, POLLING).open(alice.token, { url: roundRobin.url });

      assertSessionIdUnknown(await refusal(socket));
    });

    it("websocketOnlyClient_oneConnection_needsNoAffinity", { timeout: APP_TEST_TIMEOUT }, async (t) => {
      const [alice, bob] = await registerUsers("alice", "bob");
      const chat = await alice.createChat("group", [bob], "one connection");
      const gateway = gatewayFor(t, WEBSOCKET);
      const aliceClient = await gateway.connect(alice, { url: roundRobin.url });
      const bobClient = await gateway.connect(bob, { url: roundRobin.url });
      await aliceClient.join(chat);
      await bobClient.join(chat);

      await talk(aliceClient, bobClient, chat);

      // Round robin put the two handshakes on different nodes, so the messages crossed between them.
      const nodes = await Promise.all([aliceClient, bobClient].map(engineIdOf).map(nodeHolding));
      assert.deepEqual([...nodes].sort(), [0, 1]);
    });
  });
});

/**
 * Resolves with the connect_error of a socket that must not connect, and the body of the refused request, read at
 * once: the client aborts the failed request right after emitting the error, which empties it.
 */
function refusal(socket) {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected, but a node should have refused the session")));
    socket.once("connect_error", (error) => resolve({ error, body: error.context?.responseText }));
  });
}

/** The polling transport's request was refused by a node that does not hold the session. */
function assertSessionIdUnknown({ error, body }) {
  assert.match(error.message, /^xhr (poll|post) error$/, `connect_error: ${error.message}`);
  assert.equal(error.description, 400);
  assert.deepEqual(JSON.parse(body), { code: 1, message: "Session ID unknown" });
}
