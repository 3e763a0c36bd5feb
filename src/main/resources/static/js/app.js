// The page's entry point: signing in, loading chats, and the Socket.IO connection that keeps them live.
import { io } from "../vendor/socket.io.esm.min.js";
import { createApi } from "./api.js";
import { clearData, loadSession, me, saveSession, store } from "./store.js";
import { applyStatus, knownSeq, markDeleted, mergeMessages } from "./state.js";
import { renderChatList, wireNewChatForm } from "./chat-list.js";
import { PAGE, renderConversation, renderTyping, wireConversation } from "./conversation.js";

const api = createApi(() => store.session?.token);
const el = (id) => document.getElementById(id);
let socket = null;

function render() {
  renderChatList(openChat);
  renderConversation();
}

function setConnection(state, label) {
  const node = el("connection");
  node.dataset.state = state;
  node.textContent = label;
}

// ---- signing in

el("auth-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const mode = event.submitter?.value ?? "login";
  const username = el("auth-username").value.trim();
  const password = el("auth-password").value;
  el("auth-error").textContent = "";
  try {
    const session = mode === "register" ? await api.register(username, password) : await api.login(username, password);
    saveSession({ token: session.token, user: session.user });
    el("auth-form").reset();
    await start();
  } catch (e) {
    el("auth-error").textContent = e.message;
  }
});

el("logout").addEventListener("click", () => signOut());

function signOut(message = "") {
  socket?.disconnect();
  socket = null;
  saveSession(null);
  clearData();
  showSignedIn(false);
  setConnection("offline", "Offline");
  el("auth-error").textContent = message;
  render();
}

function showSignedIn(signedIn) {
  el("auth").hidden = signedIn;
  el("app").hidden = !signedIn;
  el("account").hidden = !signedIn;
  el("me").textContent = signedIn ? me().username : "";
}

// ---- chats and users

async function loadChats() {
  const seen = new Set();
  let page = {};
  for (;;) {
    const { items, hasMore } = await api.chats(page);
    for (const chat of items) {
      store.chats.set(chat.id, chat);
      seen.add(chat.id);
    }
    if (!hasMore || items.length === 0) break;
    const last = items[items.length - 1];
    page = { before: last.lastActivityAt, beforeId: last.id };
  }
  // A chat I was removed from while offline is gone from the list.
  for (const id of [...store.chats.keys()]) if (!seen.has(id)) store.chats.delete(id);
  await loadUsers();
  await loadPresence();
}

async function loadUsers() {
  const missing = new Set();
  for (const chat of store.chats.values()) {
    for (const id of chat.memberIds) if (!store.users.has(id)) missing.add(id);
  }
  await Promise.all([...missing].map(async (id) => store.users.set(id, await api.user(id))));
}

async function loadPresence() {
  const ids = [...store.users.keys()].filter((id) => id !== me().id).slice(0, 200);
  if (ids.length === 0) return;
  const { items } = await api.presence(ids);
  for (const p of items) store.presence.set(p.userId, { status: p.status, lastSeenAt: p.lastSeenAt });
}

async function addChat(chat) {
  store.chats.set(chat.id, chat);
  await loadUsers();
  await loadPresence().catch(() => {});
  if (socket?.connected) await join(chat.id);
  render();
}

async function openChat(chatId) {
  store.openChatId = chatId;
  if (!store.messages.has(chatId)) {
    const { items, hasMore } = await api.messages(chatId, { limit: PAGE });
    store.messages.set(chatId, mergeMessages(store.messages.get(chatId) ?? [], items));
    store.hasOlder.set(chatId, hasMore);
  }
  render();
  markRead(chatId);
  el("composer-text").focus();
}

async function loadOlder() {
  const chatId = store.openChatId;
  const loaded = store.messages.get(chatId) ?? [];
  if (loaded.length === 0) return;
  const { items, hasMore } = await api.messages(chatId, { beforeSeq: loaded[0].seq, limit: PAGE });
  store.messages.set(chatId, mergeMessages(store.messages.get(chatId), items));
  store.hasOlder.set(chatId, hasMore);
  render();
}

/** Tells the server I have read the open chat up to its last message, when the page is in view. */
function markRead(chatId) {
  const chat = store.chats.get(chatId);
  if (!chat || chatId !== store.openChatId || document.visibilityState !== "visible") return;
  const seq = chat.lastSeq ?? 0;
  const mine = chat.members?.find((m) => m.userId === me().id);
  if (seq === 0 || (mine?.lastReadSeq ?? 0) >= seq) return;
  store.chats.set(chatId, applyStatus(chat, { userId: me().id, status: "read", seq }));
  socket?.emit("message:read", { chatId, seq });
}

document.addEventListener("visibilitychange", () => store.openChatId && markRead(store.openChatId));

/** Adds messages (live, catch-up or history) to a chat: dedupe by seq, and move the chat's last seq. */
function receive(chatId, messages) {
  const chat = store.chats.get(chatId);
  if (!chat || messages.length === 0) return;
  const last = messages.reduce((a, b) => (b.seq > a.seq ? b : a));
  if (last.seq > (chat.lastSeq ?? 0)) {
    store.chats.set(chatId, { ...chat, lastSeq: last.seq, lastActivityAt: last.createdAt });
  }
  // Only a chat whose history was loaded keeps messages: any other loads its latest page when opened.
  if (store.messages.has(chatId)) store.messages.set(chatId, mergeMessages(store.messages.get(chatId), messages));
  const fromOthers = messages.filter((m) => m.senderId !== me().id);
  if (fromOthers.length > 0) {
    socket?.emit("message:delivered", { chatId, seq: Math.max(...fromOthers.map((m) => m.seq)) });
  }
  markRead(chatId);
}

// ---- the socket

/** Joins a chat's room and catches up from the last seq I know, page by page. */
async function join(chatId) {
  for (;;) {
    const chat = store.chats.get(chatId);
    if (!chat) return;
    const ack = await socket.timeout(10000).emitWithAck("chat:join",
      { chatId, lastSeq: knownSeq(chat, store.messages.get(chatId)) });
    if (!ack.ok) return;
    receive(chatId, ack.messages ?? []);
    if (!ack.hasMore) return;
  }
}

function connect() {
  socket = io({ auth: (cb) => cb({ token: store.session?.token }) });
  setConnection("connecting", "Connecting…");
  socket.on("connect", async () => {
    setConnection("online", "Connected");
    try {
      // Chats created while I was away were announced to no socket of mine: reload the list, then catch up.
      await loadChats();
      await Promise.all([...store.chats.keys()].map(join));
    } catch (e) {
      console.warn("catching up failed", e);
    }
    render();
  });
  socket.on("disconnect", (reason) => {
    setConnection("offline", "Offline, reconnecting…");
    // The server ended this socket (its token expired): the client does not reconnect by itself.
    if (reason === "io server disconnect") signOut("Your session ended: log in again.");
  });
  socket.io.on("reconnect_attempt", () => setConnection("connecting", "Reconnecting…"));
  socket.on("connect_error", (error) => {
    if (error.message === "unauthorized") signOut("Your session ended: log in again.");
    else setConnection("offline", "Offline, reconnecting…");
  });

  socket.on("chat:created", ({ chat }) => addChat(chat));
  socket.on("chat:updated", ({ chat }) => {
    if (chat.memberIds.includes(me().id)) store.chats.set(chat.id, chat);
    else store.chats.delete(chat.id);
    if (!store.chats.has(store.openChatId)) store.openChatId = null;
    loadUsers().then(render);
  });
  socket.on("message:new", ({ message }) => {
    stopTyping(message.chatId, message.senderId);
    receive(message.chatId, [message]);
    render();
  });
  socket.on("message:updated", ({ message }) => {
    if (store.messages.has(message.chatId)) {
      store.messages.set(message.chatId, mergeMessages(store.messages.get(message.chatId), [message]));
    }
    render();
  });
  socket.on("message:deleted", (event) => {
    if (store.messages.has(event.chatId)) {
      store.messages.set(event.chatId, markDeleted(store.messages.get(event.chatId), event, new Date().toISOString()));
    }
    render();
  });
  socket.on("message:status", (status) => {
    const chat = store.chats.get(status.chatId);
    if (chat) store.chats.set(chat.id, applyStatus(chat, status));
    render();
  });
  socket.on("typing:start", ({ chatId, userId }) => startTyping(chatId, userId));
  socket.on("typing:stop", ({ chatId, userId }) => stopTyping(chatId, userId));
  socket.on("presence:online", ({ userId, status }) => {
    store.presence.set(userId, { status, lastSeenAt: null });
    render();
  });
  socket.on("presence:offline", ({ userId, lastSeenAt }) => {
    store.presence.set(userId, { status: "offline", lastSeenAt });
    render();
  });
}

// The server expires a typing it hears no more of; this expiry only covers a typing:stop lost in a reconnect.
function startTyping(chatId, userId) {
  const typers = store.typing.get(chatId) ?? new Map();
  clearTimeout(typers.get(userId));
  typers.set(userId, setTimeout(() => stopTyping(chatId, userId), 10000));
  store.typing.set(chatId, typers);
  renderTyping();
}

function stopTyping(chatId, userId) {
  const typers = store.typing.get(chatId);
  if (!typers?.has(userId)) return;
  clearTimeout(typers.get(userId));
  typers.delete(userId);
  renderTyping();
}

async function send(text) {
  if (!socket?.connected) throw new Error("you are offline; it will work once reconnected");
  const chatId = store.openChatId;
  const ack = await socket.timeout(10000).emitWithAck("message:send",
    { chatId, text, clientMessageId: crypto.randomUUID() });
  if (!ack.ok) throw new Error(ack.error.message);
  receive(chatId, [ack.message]);
  render();
}

// ---- start

wireNewChatForm(api, async (chat) => {
  await addChat(chat);
  await openChat(chat.id);
});
wireConversation({
  send,
  loadOlder,
  edit: async (message, text) => api.editMessage(message.id, text).catch((e) => alert(e.message)),
  remove: async (message) => api.deleteMessage(message.id).catch((e) => alert(e.message)),
  typing: (isTyping) => store.openChatId && socket?.connected
    && socket.emit("message:typing", { chatId: store.openChatId, isTyping }),
});
el("back").addEventListener("click", () => {
  store.openChatId = null;
  render();
});
// Relative times ("last seen 3 min ago") age without events.
setInterval(() => store.session && render(), 60000);

async function start() {
  showSignedIn(true);
  try {
    await loadChats();
  } catch (e) {
    if (e.status === 401) return signOut("Your session ended: log in again.");
  }
  render();
  connect();
}

if (loadSession()) start();
else render();
