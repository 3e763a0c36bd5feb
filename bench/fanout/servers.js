// What differs between the two servers under test: accounts, tokens and payload shapes. The measuring itself
// (fanout.js) is the same code for both.

const HTTP_TIMEOUT_MS = 30_000;
const REGISTER_WINDOW = 4;
const PASSWORD = "bench-password";

/** The adapter for `kind` ("java" or "node"), talking to the server at `url`. */
export function serverFor(kind, url) {
  if (kind === "java") return javaServer(url);
  if (kind === "node") return nodePeer(url);
  throw new Error(`unknown server ${kind}: expected java or node`);
}

/**
 * The Java server: real accounts (POST /api/auth/register, BCrypt, so a few per second on one core), a group
 * chat created over REST, acks {ok, ...} and message:new {message}. Every message is committed before its ack.
 */
function javaServer(url) {
  return {
    name: "java",
    async users(count, run) {
      const users = new Array(count);
      await inWindows(count, REGISTER_WINDOW, async (i) => {
        const body = await post(url, "/api/auth/register", null, { username: `f${run}_${i}`, password: PASSWORD });
        users[i] = { id: body.user.id, token: body.token };
      });
      return users;
    },
    async createChat(users) {
      const memberIds = users.slice(1).map((user) => user.id);
      const chat = await post(url, "/api/chats", users[0].token, { type: "group", title: "fanout bench", memberIds });
      return chat.id;
    },
    joined: (ack) => ack?.ok === true,
    sendPayload: (chatId, text, clientId) => ({ chatId, text, clientMessageId: clientId }),
    sent: (ack) => ack?.ok === true,
    textOf: (payload) => payload?.message?.text,
  };
}

/** The Node peer: any `user:<id>` token is accepted, chats need no creating, messages stay in memory. */
function nodePeer() {
  return {
    name: "node",
    async users(count, run) {
      return Array.from({ length: count }, (_, i) => ({ id: `f${run}_${i}`, token: `user:f${run}_${i}` }));
    },
    async createChat(users, run) {
      return `fanout-${run}`;
    },
    joined: (ack) => ack?.ok === true,
    sendPayload: (chatId, text, clientId) => ({ chatId, text, clientId }),
    sent: (ack) => typeof ack?.id === "string",
    textOf: (payload) => payload?.text,
  };
}

/** Runs task(0..count-1) with at most `window` in flight; resolves when all are done, rejects on the first failure. */
export async function inWindows(count, window, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      await task(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
}

async function post(url, path, token, body) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url + path, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text);
}
