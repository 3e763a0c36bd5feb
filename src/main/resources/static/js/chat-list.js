// The sidebar: my chats with unread counts and presence dots, and the form that starts a chat by username.
import { chatTitle, me, peerOf, store } from "./store.js";
import { parseUsernames, sortChats, unreadCount } from "./state.js";

const list = document.getElementById("chat-list");
const empty = document.getElementById("no-chats");

export function renderChatList(onOpen) {
  const chats = sortChats([...store.chats.values()]);
  empty.hidden = chats.length > 0;
  list.replaceChildren(...chats.map((chat) => chatItem(chat, onOpen)));
}

function chatItem(chat, onOpen) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "chat-item";
  button.dataset.chatId = chat.id;
  if (chat.id === store.openChatId) button.setAttribute("aria-current", "true");
  button.addEventListener("click", () => onOpen(chat.id));

  const peer = peerOf(chat);
  const dot = document.createElement("span");
  dot.className = "dot";
  dot.dataset.status = peer ? store.presence.get(peer)?.status ?? "offline" : "group";
  dot.setAttribute("aria-hidden", "true");

  const title = document.createElement("span");
  title.className = "chat-item-title";
  title.textContent = chatTitle(chat);

  button.append(dot, title);
  const unread = chat.id === store.openChatId ? 0 : unreadCount(chat, me().id);
  if (unread > 0) {
    const badge = document.createElement("span");
    badge.className = "unread";
    badge.textContent = String(unread);
    button.append(badge);
  }
  // What the dot and the badge show, in words: "bob, online, 2 unread".
  const name = [title.textContent];
  if (peer) name.push(store.presence.get(peer)?.status ?? "offline");
  if (unread > 0) name.push(`${unread} unread`);
  button.setAttribute("aria-label", name.join(", "));
  const item = document.createElement("li");
  item.append(button);
  return item;
}

/** Wires the new-chat form: usernames are looked up one by one, so an unknown name is reported by name. */
export function wireNewChatForm(api, onCreated) {
  const form = document.getElementById("new-chat");
  const names = document.getElementById("new-chat-usernames");
  const title = document.getElementById("new-chat-title");
  const titleRow = document.getElementById("new-chat-title-row");
  const error = document.getElementById("new-chat-error");

  form.addEventListener("change", () => {
    titleRow.hidden = form.elements.type.value !== "group";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const type = form.elements.type.value;
    const usernames = parseUsernames(names.value);
    if (usernames.length === 0) return fail("Enter a username.");
    if (type === "direct" && usernames.length > 1) return fail("A direct chat has one other member.");
    try {
      const memberIds = [];
      for (const username of usernames) {
        const { items } = await api.userByName(username);
        if (items.length === 0) return fail(`No user named ${username}.`);
        store.users.set(items[0].id, items[0]);
        if (items[0].id !== me().id) memberIds.push(items[0].id);
      }
      if (type === "direct" && memberIds.length === 0) return fail("That is you: pick someone else.");
      const chat = await api.createChat(type, memberIds, type === "group" ? title.value.trim() || null : undefined);
      form.reset();
      titleRow.hidden = true;
      onCreated(chat);
    } catch (e) {
      fail(e.message);
    }
  });

  function fail(message) {
    error.textContent = message;
  }
}
