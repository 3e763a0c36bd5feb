// Shared by the tests: lives outside test/ so that `node --test` does not run it as a test file.
import assert from "node:assert/strict";
import { io } from "socket.io-client";

export const URL = process.env.E2E_URL ?? "http://localhost:3300";

/** Generous bound for one test; the fixture answers in milliseconds, this only stops a hang. */
export const TEST_TIMEOUT = 10_000;

/** Bound for each ack the client waits for. */
export const ACK_TIMEOUT = 2_000;

/** The three ways a client reaches the server; every feature is checked in each of them. */
export const MODES = [
  { name: "websocket only", options: { transports: ["websocket"] }, upgrades: false },
  { name: "polling only", options: { transports: ["polling"] }, upgrades: false },
  { name: "polling with upgrade", options: {}, upgrades: true },
];

/**
 * Opens clients for one test and disconnects them all when the test ends, passed or failed.
 * Every client gets its own Manager (forceNew) unless it is created from another one's Manager,
 * and never reconnects, so a failure shows up as a failure instead of a retry.
 */
export function clientsFor(t, mode) {
  const opened = [];
  t.after(() => {
    for (const socket of opened) {
      socket.disconnect();
    }
  });

  return {
    /** A socket on its own Manager, not yet connected. */
    open(namespace = "/", options = {}) {
      const socket = io(URL + namespace, {
        ...mode.options,
        ...options,
        forceNew: true,
        reconnection: false,
      });
      opened.push(socket);
      return socket;
    },

    /** A socket on the Manager of an already open socket: same engine, another namespace. */
    openOn(manager, namespace, options = {}) {
      const socket = manager.socket(namespace, options);
      opened.push(socket);
      socket.connect();
      return socket;
    },

    /**
     * A connected socket; in upgrade mode also waits until the engine runs on websocket.
     * Resolves with the socket and the args of its first "auth" event, which the server emits on connection.
     */
    async connect(namespace = "/", options = {}) {
      const socket = this.open(namespace, options);
      const auth = nextEvent(socket, "auth");
      const upgraded = mode.upgrades ? upgrade(socket) : null;
      // Marked handled so a failed connect is reported as itself, not as an unhandled rejection.
      upgraded?.catch(() => {});
      await connected(socket);
      if (upgraded) {
        await upgraded;
      }
      return { socket, auth: await auth };
    },
  };
}

/** Resolves on "connect", rejects on "connect_error". */
export function connected(socket) {
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      socket.off("connect_error", onError);
      resolve();
    };
    const onError = (error) => {
      socket.off("connect", onConnect);
      reject(error);
    };
    socket.once("connect", onConnect);
    socket.once("connect_error", onError);
  });
}

/** Resolves with the args of the next `event` the socket receives. */
export function nextEvent(socket, event) {
  return new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
}

/**
 * Resolves with the engine's transport name once the Engine.IO upgrade completed. Call it before the
 * socket connects: the engine exists as soon as the Manager opens, and the event is not replayed.
 */
export function upgrade(socket) {
  const engine = socket.io.engine;
  assert.ok(engine, "the Manager opens its engine on creation");
  return new Promise((resolve, reject) => {
    engine.once("upgrade", () => resolve(engine.transport.name));
    engine.once("upgradeError", reject);
  });
}

/**
 * Every `event` a socket receives, in order, recorded from the moment this is called.
 * `next()` hands them out one at a time, so a test can assert which one came first.
 */
export function record(socket, event) {
  const received = [];
  const waiting = [];
  socket.on(event, (...args) => {
    const waiter = waiting.shift();
    if (waiter) {
      waiter(args);
    } else {
      received.push(args);
    }
  });
  return {
    next() {
      if (received.length > 0) {
        return Promise.resolve(received.shift());
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Ack callback style, for acks with more than one arg (emitWithAck only resolves the first). */
export function emitWithAckArgs(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(ACK_TIMEOUT).emit(event, ...args, (error, ...reply) => {
      if (error) {
        reject(error);
      } else {
        resolve(reply);
      }
    });
  });
}

/** The bytes of a binary arg however the client decoded it (Buffer, ArrayBuffer, typed array). */
export function bytes(value) {
  assert.ok(
    Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value),
    `expected binary, got ${typeof value}: ${JSON.stringify(value)}`,
  );
  return ArrayBuffer.isView(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : Buffer.from(value);
}
