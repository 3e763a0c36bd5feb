// What differs between the servers under test: accounts, tokens, rooms and payload shapes. The measuring
// (scenarios.js) is the same code for all of them.
import { createHmac } from "node:crypto";

const HTTP_TIMEOUT_MS = 60_000;
// BCrypt runs on a small pool on the server's one core and its queue is short (realtime.limits.hashing-queue).
const REGISTER_WINDOW = 4;
const PASSWORD = "bench-password";

/** The adapter for `kind`: "java" (H2 or PostgreSQL behind it) or "node". */
export function targetFor(kind, port, jwtSecret) {
  if (kind === "java") return javaServer(`http://127.0.0.1:${port}`);
  if (kind === "node") return nodePeer(jwtSecret);
  throw new Error(`unknown target ${kind}: expected java or node`);
}

/**
 * The Java server: real accounts (POST /api/auth/register) whose tokens it verifies on every connect, rooms that
 * are group chats created over REST, acks {ok, ...}. Every message is committed before its ack.
 */
function javaServer(url) {
  return {
    kind: "java",
    async users(prefix, count) {
      const users = new Array(count);
      await inWindows(count, REGISTER_WINDOW, async (i) => {
        const body = await post(url, "/api/auth/register", null, { username: `${prefix}${i}`, password: PASSWORD });
        users[i] = { id: body.user.id, token: body.token };
      });
      return users;
    },
    async createRoom(members, title) {
      const memberIds = members.slice(1).map((user) => user.id);
      const chat = await post(url, "/api/chats", members[0].token, { type: "group", title, memberIds });
      return chat.id;
    },
    joined: (ack) => ack?.ok === true,
    sendPayload: (chatId, text, clientId) => ({ chatId, text, clientMessageId: clientId }),
    sent: (ack) => ack?.ok === true,
    error: (ack) => ack?.error?.code ?? JSON.stringify(ack).slice(0, 200),
  };
}

/**
 * The Node peer, started with --jwt-secret: HS256 JWTs minted here (sub = user id), verified by the peer on every
 * connect. Rooms need no creating; messages stay in memory; the ack of a send is the stored message.
 */
function nodePeer(secret) {
  return {
    kind: "node",
    async users(prefix, count) {
      return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, token: jwt(secret, `${prefix}${i}`) }));
    },
    async createRoom(members, title) {
      return title;
    },
    joined: (ack) => ack?.ok === true,
    sendPayload: (chatId, text, clientId) => ({ chatId, text, clientId }),
    sent: (ack) => typeof ack?.id === "string",
    error: (ack) => ack?.error ?? JSON.stringify(ack).slice(0, 200),
  };
}

function jwt(secret, sub) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub, iat: now, exp: now + 24 * 3600 })}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

/** Runs task(0..count-1) with at most `window` in flight; rejects on the first failure. */
export async function inWindows(count, window, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
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
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
