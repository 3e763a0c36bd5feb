// The open chat: its messages (history paged upward), receipts, typing line, the composer, edit and delete.
import { chatTitle, me, nameOf, peerOf, store } from "./store.js";
import { presenceText, receipt, typingText } from "./state.js";

const PAGE = 30;
const el = (id) => document.getElementById(id);
const list = el("message-list");
const scroller = el("messages");
const olderButton = el("load-older");
const composer = el("composer");
const text = el("composer-text");
const composerError = el("composer-error");

let editingSeq = null;
// What is typed in the edit box survives the re-renders that other events cause meanwhile.
let editDraft = "";

/** Renders the header, the messages and the typing line of the open chat (or the empty state). */
export function renderConversation() {
  const chat = store.chats.get(store.openChatId);
  document.getElementById("app").classList.toggle("chat-open", Boolean(chat));
  composer.hidden = !chat;
  if (!chat) {
    el("chat-title").textContent = "No chat open";
    el("chat-presence").textContent = "Pick a chat, or start one.";
    el("chat-dot").hidden = true;
    olderButton.hidden = true;
    renderedChatId = null;
    items.clear();
    list.replaceChildren();
    renderTyping();
    return;
  }
  el("chat-title").textContent = chatTitle(chat);
  renderPresence(chat);
  olderButton.hidden = !store.hasOlder.get(chat.id);
  const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  renderMessages(chat);
  if (nearBottom) scroller.scrollTop = scroller.scrollHeight;
  renderTyping();
}

// Items are kept while what they show is unchanged, and put in place one by one: the list is a live region, and
// rebuilding it would have a screen reader announce every message again (and an open edit box lose its focus).
let renderedChatId = null;
const items = new Map(); // seq -> <li>

function renderMessages(chat) {
  if (renderedChatId !== chat.id) {
    renderedChatId = chat.id;
    items.clear();
    list.replaceChildren();
  }
  const messages = store.messages.get(chat.id) ?? [];
  let cursor = list.firstElementChild;
  for (const message of messages) {
    const shown = JSON.stringify([message.text, message.editedAt, message.deletedAt, nameOf(message.senderId),
      receipt(message, chat, me().id), editingSeq === message.seq]);
    let item = items.get(message.seq);
    if (!item || item.dataset.shown !== shown) {
      const fresh = messageItem(message, chat);
      fresh.dataset.shown = shown;
      if (item) item.replaceWith(fresh);
      if (item === cursor) cursor = fresh;
      item = fresh;
      items.set(message.seq, item);
    }
    if (item === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(item, cursor);
  }
  while (cursor) {
    const next = cursor.nextElementSibling;
    items.delete(Number(cursor.dataset.seq));
    cursor.remove();
    cursor = next;
  }
}

function renderPresence(chat) {
  const peer = peerOf(chat);
  const dot = el("chat-dot");
  if (peer) {
    const presence = store.presence.get(peer);
    dot.hidden = false;
    dot.dataset.status = presence?.status ?? "offline";
    el("chat-presence").textContent = presenceText(presence) || "offline";
  } else {
    dot.hidden = true;
    const online = chat.memberIds.filter((id) => store.presence.get(id)?.status === "online").length;
    el("chat-presence").textContent = `${chat.memberIds.length} members, ${online} online`;
  }
}

export function renderTyping() {
  const typers = [...(store.typing.get(store.openChatId)?.keys() ?? [])];
  el("typing").textContent = typingText(typers.map(nameOf));
}

function messageItem(message, chat) {
  const mine = message.senderId === me().id;
  const item = document.createElement("li");
  item.className = "message" + (mine ? " mine" : "") + (message.deletedAt ? " deleted" : "");
  item.dataset.seq = String(message.seq);

  const meta = document.createElement("p");
  meta.className = "meta";
  const time = new Date(message.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  meta.textContent = `${mine ? "You" : nameOf(message.senderId)} · ${time}${message.editedAt ? " · edited" : ""}`;
  item.append(meta);

  if (editingSeq === message.seq && !message.deletedAt) {
    item.append(editForm(message));
    return item;
  }
  const body = document.createElement("p");
  body.className = "text";
  body.textContent = message.deletedAt ? "Message deleted" : message.text;
  item.append(body);

  if (mine && !message.deletedAt) {
    const footer = document.createElement("div");
    footer.className = "message-footer";
    const status = document.createElement("span");
    status.className = "receipt";
    status.textContent = receipt(message, chat, me().id);
    footer.append(status, actionButton("Edit", message, () => startEdit(message.seq)),
      actionButton("Delete", message, () => actions.remove(message)));
    item.append(footer);
  }
  return item;
}

function actionButton(label, message, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link small";
  button.textContent = label;
  button.setAttribute("aria-label", `${label} message “${message.text.slice(0, 40)}”`);
  button.addEventListener("click", onClick);
  return button;
}

function editForm(message) {
  const form = document.createElement("form");
  form.className = "edit";
  const label = document.createElement("label");
  label.className = "visually-hidden";
  label.htmlFor = `edit-${message.seq}`;
  label.textContent = "Edit message";
  const input = document.createElement("input");
  input.id = `edit-${message.seq}`;
  input.value = editDraft;
  input.required = true;
  input.addEventListener("input", () => (editDraft = input.value));
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") stopEdit();
  });
  const save = document.createElement("button");
  save.textContent = "Save";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "secondary";
  cancel.textContent = "Cancel";
  cancel.addEventListener("click", stopEdit);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (input.value.trim() && input.value !== message.text) await actions.edit(message, input.value);
    stopEdit();
  });
  form.append(label, input, save, cancel);
  queueMicrotask(() => input.focus());
  return form;
}

function startEdit(seq) {
  editingSeq = seq;
  editDraft = store.messages.get(store.openChatId)?.find((m) => m.seq === seq)?.text ?? "";
  renderConversation();
}

function stopEdit() {
  editingSeq = null;
  renderConversation();
  text.focus();
}

/** Set by wireConversation: what the view asks app.js to do. */
let actions = {};

/**
 * Wires the composer, the history button and the typing signal. `handlers` has send(text), edit(message, text),
 * remove(message), loadOlder() and typing(isTyping).
 */
export function wireConversation(handlers) {
  actions = handlers;
  composer.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = text.value;
    if (!value.trim()) return;
    composerError.textContent = "";
    try {
      await handlers.send(value);
      text.value = "";
      typingSignal.stop();
    } catch (e) {
      composerError.textContent = `Not sent: ${e.message}`;
    }
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  text.addEventListener("input", () => (text.value ? typingSignal.typed() : typingSignal.stop()));
  text.addEventListener("blur", () => typingSignal.stop());

  olderButton.addEventListener("click", loadOlderKeepingPlace);
  scroller.addEventListener("scroll", () => {
    if (scroller.scrollTop === 0 && !olderButton.hidden) loadOlderKeepingPlace();
  });

  // The server stops a typing after its timeout: refresh while typing, say stop after a pause.
  const typingSignal = {
    sentAt: 0,
    idle: null,
    typed() {
      const now = Date.now();
      if (now - this.sentAt > 2000) {
        this.sentAt = now;
        handlers.typing(true);
      }
      clearTimeout(this.idle);
      this.idle = setTimeout(() => this.stop(), 4000);
    },
    stop() {
      clearTimeout(this.idle);
      if (this.sentAt) handlers.typing(false);
      this.sentAt = 0;
    },
  };
}

let loadingOlder = false;
async function loadOlderKeepingPlace() {
  if (loadingOlder) return;
  loadingOlder = true;
  const fromBottom = scroller.scrollHeight - scroller.scrollTop;
  try {
    await actions.loadOlder(PAGE);
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
  } finally {
    loadingOlder = false;
  }
}

export { PAGE };
