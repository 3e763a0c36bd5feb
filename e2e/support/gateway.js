// The application's chat gateway as its users see it: accounts and chats over REST, events over the official
// socket.io-client. Lives outside test/ so that `node --test` does not run it as a test file.
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { connected, upgrade } from "./clients.js";
import { APP_URL, registerUser } from "./rest.js";

export { MODES } from "./clients.js";

/**
 * Bound for one test against the application. Registration hashes passwords and the presence grace and typing
 * timeout are 500 ms, so a test takes a few seconds at most; this only stops a hang.
 */
export const APP_TEST_TIMEOUT = 20_000;

/** Bound for each ack and each awaited event; the application answers in milliseconds. */
export const WAIT_TIMEOUT = 5_000;

/** Resolves once `check()` is truthy, looking every 10 ms; rejects after WAIT_TIMEOUT. */
export async function eventually(check, what) {
  const timedOut = new Error(`${what}: not within ${WAIT_TIMEOUT} ms`);
  const deadline = Date.now() + WAIT_TIMEOUT;
  while (!check()) {
    if (Date.now() > deadline) {
      throw timedOut;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Every event a socket receives from the server, in arrival order, recorded from the socket's creation on, so
 * that nothing sent right after the connect is missed. `next(...events)` hands out the first recorded event
 * among those named and keeps the others: asserting which one is first proves that an earlier one never came.
 */
export class Inbox {
  #items = [];
  #waiters = [];

  constructor(socket) {
    socket.onAny((event, data) => this.#deliver({ event, data }));
  }

  /** Resolves with `{ event, data }` of the next of these events; rejects after WAIT_TIMEOUT. */
  next(...events) {
    const index = this.#items.findIndex((item) => events.includes(item.event));
    if (index >= 0) {
      return Promise.resolve(this.#items.splice(index, 1)[0]);
    }
    // Made here, so that its stack points at the test line that waited.
    const timedOut = new Error(`no ${events.join(" or ")} within ${WAIT_TIMEOUT} ms`);
    return new Promise((resolve, reject) => {
      const waiter = { events, resolve };
      waiter.timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(timedOut);
      }, WAIT_TIMEOUT);
      this.#waiters.push(waiter);
    });
  }

  #deliver(item) {
    const index = this.#waiters.findIndex((waiter) => waiter.events.includes(item.event));
    if (index < 0) {
      this.#items.push(item);
      return;
    }
    const [waiter] = this.#waiters.splice(index, 1);
    clearTimeout(waiter.timer);
    waiter.resolve(item);
  }
}

/** One connected socket of a user, with the client events of the gateway as methods. */
export class GatewayClient {
  constructor(user, socket) {
    this.user = user;
    this.socket = socket;
    this.inbox = new Inbox(socket);
  }

  /** Emits with an ack and resolves with the ack, ok or not. */
  ack(event, payload) {
    return this.socket.timeout(WAIT_TIMEOUT).emitWithAck(event, payload);
  }

  /** Emits with an ack and resolves with it; fails the test unless it is `{ok: true, ...}`. */
  async ok(event, payload) {
    const reply = await this.ack(event, payload);
    assert.equal(reply?.ok, true, `${event} ${JSON.stringify(payload)} answered ${JSON.stringify(reply)}`);
    return reply;
  }

  /** Emits without an ack. */
  emit(event, payload) {
    this.socket.emit(event, payload);
  }

  next(...events) {
    return this.inbox.next(...events);
  }

  join(chat, lastSeq) {
    return this.ok("chat:join", lastSeq === undefined ? { chatId: chat.id } : { chatId: chat.id, lastSeq });
  }

  /** Sends a message and resolves with the stored message from the ack. */
  async send(chat, text, clientMessageId) {
    const payload = clientMessageId === undefined ? { chatId: chat.id, text } : { chatId: chat.id, text, clientMessageId };
    return (await this.ok("message:send", payload)).message;
  }

  typing(chat, isTyping) {
    return this.ok("message:typing", { chatId: chat.id, isTyping });
  }

  disconnect() {
    this.socket.disconnect();
  }
}

/**
 * Opens gateway sockets for one test and disconnects them all when the test ends, passed or failed. Each socket
 * has its own Manager and never reconnects, so a failure shows up as a failure instead of a retry.
 */
export function gatewayFor(t, mode) {
  const opened = [];
  t.after(() => {
    for (const socket of opened) {
      socket.disconnect();
    }
  });

  return {
    /** A socket authenticating with this token (none when undefined), not yet connected; `options.url` picks the node. */
    open(token, options = {}) {
      // `url` picks another node of the application (the cluster tests); the rest goes to the client.
      const { url = APP_URL, ...clientOptions } = options;
      const socket = io(url, {
        ...mode.options,
        ...(token === undefined ? {} : { auth: { token } }),
        ...clientOptions,
        forceNew: true,
        reconnection: false,
      });
      opened.push(socket);
      return socket;
    },

    /** A connected client of the user; in upgrade mode also waits until the engine runs on websocket. */
    async connect(user, options = {}) {
      const socket = this.open(user.token, options);
      const client = new GatewayClient(user, socket);
      const upgraded = mode.upgrades ? upgrade(socket) : null;
      // Marked handled so a failed connect is reported as itself, not as an unhandled rejection.
      upgraded?.catch(() => {});
      await connected(socket);
      if (upgraded) {
        await upgraded;
      }
      return client;
    },

    /** One connected client per user, in the order given. */
    connectAll(...users) {
      return Promise.all(users.map((user) => this.connect(user)));
    },
  };
}

/** Registers one user per name, each with a unique username. */
export function registerUsers(...names) {
  return Promise.all(names.map((name) => registerUser(name)));
}

/**
 * The cast most tests share. "team" is a group of alice, bob and carol; "side" is a group of carol and dave, so
 * dave shares a chat with carol only and never sees anything of "team" nor of alice and bob.
 */
export async function teamAndSide() {
  const [alice, bob, carol, dave] = await registerUsers("alice", "bob", "carol", "dave");
  const team = await alice.createChat("group", [bob, carol], "team");
  const side = await carol.createChat("group", [dave], "side");
  return { alice, bob, carol, dave, team, side };
}
