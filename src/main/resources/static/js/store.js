// What the page knows, in one place: the views read it, app.js and the views change it, then call render().

// Per browser tab (sessionStorage, not localStorage): two windows side by side can be two users, and a reload
// keeps the tab signed in.
const SESSION_KEY = "realtime.session";

export const store = {
  session: null,            // {token, user}
  chats: new Map(),         // chatId -> chat, as the server sends it (members carry read positions)
  messages: new Map(),      // chatId -> messages in seq order, only for chats whose history was loaded
  hasOlder: new Map(),      // chatId -> whether history older than the first loaded message exists
  users: new Map(),         // userId -> user
  presence: new Map(),      // userId -> {status, lastSeenAt}
  typing: new Map(),        // chatId -> Map(userId -> expiry timer)
  openChatId: null,
};

export function me() {
  return store.session?.user;
}

export function loadSession() {
  try {
    store.session = JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    store.session = null;
  }
  return store.session;
}

export function saveSession(session) {
  store.session = session;
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

export function clearData() {
  for (const key of ["chats", "messages", "hasOlder", "users", "presence"]) store[key].clear();
  for (const timers of store.typing.values()) timers.forEach(clearTimeout);
  store.typing.clear();
  store.openChatId = null;
}

/** A user's name for display: the username until the user is fetched, its id. */
export function nameOf(userId) {
  const user = store.users.get(userId);
  return user ? user.displayName || user.username : "…";
}

/** A direct chat is named after the other member, a group by its title or its members. */
export function chatTitle(chat) {
  if (chat.type === "group") {
    return chat.title || chat.memberIds.map(nameOf).join(", ");
  }
  const other = chat.memberIds.find((id) => id !== me()?.id);
  return other ? nameOf(other) : "Only you";
}

/** The other member of a direct chat, whose presence the chat shows; null for a group. */
export function peerOf(chat) {
  if (chat.type !== "direct") return null;
  return chat.memberIds.find((id) => id !== me()?.id) ?? null;
}
