// The application's REST API, as far as the gateway tests need it: users, chats, messages, presence.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";

export const APP_URL = process.env.E2E_APP_URL ?? "http://localhost:3400";

/** One request; resolves with the status and the parsed JSON body (null when there is none). */
export async function request(method, path, { token, body } = {}) {
  const headers = {};
  if (body !== undefined) {
    headers["content-type"] = "application/json";
  }
  if (token !== undefined) {
    headers.authorization = `Bearer ${token}`;
  }
  const response = await fetch(APP_URL + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A request that must answer with this status; resolves with the body. */
async function expect(status, method, path, options) {
  const reply = await request(method, path, options);
  assert.equal(reply.status, status, `${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** A registered user: its id and token, and what it does over REST. */
class User {
  constructor(name, id, token) {
    this.name = name;
    this.id = id;
    this.token = token;
  }

  /** Creates a chat of this user and the others; resolves with the chat. */
  createChat(type, others, title) {
    const memberIds = others.map((user) => user.id);
    return expect(201, "POST", "/api/chats", { token: this.token, body: { type, title, memberIds } });
  }

  /** Resolves with the chat as it is after adding the users. */
  addMembers(chat, users) {
    const userIds = users.map((user) => user.id);
    return expect(200, "POST", `/api/chats/${chat.id}/members`, { token: this.token, body: { userIds } });
  }

  /** Resolves with the chat as it is after the removal. */
  removeMember(chat, user) {
    return expect(200, "DELETE", `/api/chats/${chat.id}/members/${user.id}`, { token: this.token });
  }

  /** Posts a message; resolves with `{status, body}` (201 when stored, 200 for a retry). */
  post(chat, text, clientMessageId) {
    return request("POST", `/api/chats/${chat.id}/messages`, { token: this.token, body: { text, clientMessageId } });
  }

  edit(message, text) {
    return expect(200, "PATCH", `/api/messages/${message.id}`, { token: this.token, body: { text } });
  }

  delete(message) {
    return expect(200, "DELETE", `/api/messages/${message.id}`, { token: this.token });
  }

  /** Resolves with the presence items of the users, in the order given. */
  async presenceOf(...users) {
    const ids = users.map((user) => user.id).join(",");
    const page = await expect(200, "GET", `/api/presence?userIds=${ids}`, { token: this.token });
    assert.equal(page.hasMore, false);
    return page.items;
  }
}

/** Registers a user with a unique username starting with `name`. */
export async function registerUser(name) {
  const username = `${name}-${randomBytes(6).toString("hex")}`;
  const body = await expect(201, "POST", "/api/auth/register", { body: { username, password: "e2e-password" } });
  assert.equal(body.user.username, username);
  assert.equal(typeof body.token, "string");
  return new User(name, body.user.id, body.token);
}
