// The web client's rules that need no DOM and no network, so that node --test can check them
// (e2e/browser/state.test.js). Values here are plain objects in the server's wire shapes (README.md).

/** Messages of the chat not yet read by `userId`: the chat's last seq past that member's read position. */
export function unreadCount(chat, userId) {
  const member = chat.members?.find((m) => m.userId === userId);
  return Math.max(0, (chat.lastSeq ?? 0) - (member?.lastReadSeq ?? 0));
}

/**
 * Merges messages into a list kept in seq order with one entry per seq. A message arriving live, in a
 * catch-up page and in a history page is the same message; the later copy wins, as it may carry an edit.
 */
export function mergeMessages(list, incoming) {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** message:deleted carries no message: mark the one of that seq as the server stores it (text null). */
export function markDeleted(list, { seq, messageId }, deletedAt) {
  return list.map((m) => (m.seq === seq && m.id === messageId ? { ...m, text: null, deletedAt } : m));
}

/**
 * Where a chat:join catch-up starts after a reconnect: after the last loaded message of a chat whose history is
 * shown (the chat list, reloaded first, may already count messages this page never received), else after the
 * chat's last seq, since an unloaded chat only needs its counts.
 */
export function knownSeq(chat, messages) {
  if (messages) return messages.length ? messages[messages.length - 1].seq : 0;
  return chat.lastSeq ?? 0;
}

/** Newest activity first, then by id, as GET /api/chats orders them. */
export function sortChats(chats) {
  return [...chats].sort((a, b) =>
    (b.lastActivityAt ?? "").localeCompare(a.lastActivityAt ?? "") || a.id.localeCompare(b.id));
}

/** A member's read or delivered position moves forward only, as the server's does. */
export function applyStatus(chat, { userId, status, seq }) {
  const field = status === "read" ? "lastReadSeq" : "lastDeliveredSeq";
  const members = (chat.members ?? []).map((m) => {
    if (m.userId !== userId || (m[field] ?? 0) >= seq) return m;
    // Read implies delivered.
    const moved = { ...m, [field]: seq };
    if (status === "read") moved.lastDeliveredSeq = Math.max(m.lastDeliveredSeq ?? 0, seq);
    return moved;
  });
  return { ...chat, members };
}

/**
 * What the sender sees under a message of theirs: "Read" once every other member has read it (in a group,
 * "Read by N" while only some have), else "Delivered", else "Sent".
 */
export function receipt(message, chat, userId) {
  const others = (chat.members ?? []).filter((m) => m.userId !== userId);
  if (others.length === 0) return "Sent";
  const read = others.filter((m) => (m.lastReadSeq ?? 0) >= message.seq).length;
  if (read === others.length) return "Read";
  if (read > 0) return `Read by ${read}`;
  const delivered = others.some((m) => (m.lastDeliveredSeq ?? 0) >= message.seq);
  return delivered ? "Delivered" : "Sent";
}

/** "online", "away", or "last seen ..." relative to `now` (both ISO strings or Dates). */
export function presenceText(presence, now = new Date()) {
  if (!presence) return "";
  if (presence.status === "online" || presence.status === "away") return presence.status;
  if (!presence.lastSeenAt) return "offline";
  const seen = new Date(presence.lastSeenAt);
  const minutes = Math.floor((new Date(now) - seen) / 60000);
  if (minutes < 1) return "last seen just now";
  if (minutes < 60) return `last seen ${minutes} min ago`;
  const sameDay = seen.toDateString() === new Date(now).toDateString();
  const time = seen.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return sameDay ? `last seen at ${time}` : `last seen ${seen.toLocaleDateString()} ${time}`;
}

/** "bob is typing…", "bob and carol are typing…", "3 people are typing…". */
export function typingText(names) {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** Usernames typed as "bob, carol bob": trimmed, without repeats (ignoring case, as the server does). */
export function parseUsernames(text) {
  const seen = new Set();
  return text.split(/[\s,]+/).filter((name) => {
    const key = name.toLowerCase();
    if (!name || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
