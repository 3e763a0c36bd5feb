// The moving parts of every scenario: opening sockets, rooms of receivers, an open-loop sender and the delivery
// counter. A message's text carries the step it belongs to and its send time (`~STEP:MICROS~`, microseconds of
// this process's monotonic clock), so that a delivery arriving late still counts for the step that sent it.
import { connect } from "./eio.js";
import { Histogram } from "./stats.js";
import { inWindows } from "./targets.js";

const TEXT_MARK = Buffer.from('"text":"~');
const TICK_MS = 5;
const DRAIN_POLL_MS = 50;
// Joins are setup: on a shared core a slow one is noise, not a failure of the run.
const SETUP_ACK_TIMEOUT_MS = 60_000;

export const nowUs = () => performance.now() * 1000;

/** Counts `message:new` deliveries per step: how many, and their latency. */
export class Deliveries {
  constructor() {
    this.steps = [];
    this.handle = (frame) => this.record(frame);
  }

  open(step) {
    this.steps[step] = { histogram: new Histogram(), count: 0, lastAt: 0 };
    return this.steps[step];
  }

  // Reads the two numbers from the frame's bytes: no decoding of the frame, no JSON.parse.
  record(frame) {
    const at = frame.indexOf(TEXT_MARK);
    if (at < 0) return;
    let i = at + TEXT_MARK.length;
    let step = 0;
    for (let c = frame[i]; c >= 48 && c <= 57; c = frame[++i]) step = step * 10 + c - 48;
    let sentUs = 0;
    for (let c = frame[++i]; c >= 48 && c <= 57; c = frame[++i]) sentUs = sentUs * 10 + c - 48;
    const recorder = this.steps[step];
    if (recorder === undefined) return;
    const now = nowUs();
    recorder.histogram.record(now - sentUs);
    recorder.count++;
    recorder.lastAt = now;
  }
}

/**
 * Opens `count` sockets with tokens[i % tokens.length], at most `concurrency` connecting at once. Failures are
 * counted, not thrown: the scenario reports them.
 */
export async function openSockets(port, tokens, count, concurrency) {
  const sockets = [];
  const latency = new Histogram();
  const failures = { count: 0, first: null };
  const started = performance.now();
  await inWindows(count, concurrency, async (i) => {
    const t0 = nowUs();
    try {
      sockets.push(await connect(port, tokens[i % tokens.length]));
      latency.record(nowUs() - t0);
    } catch (error) {
      failures.count++;
      failures.first ??= error.message;
    }
  });
  return { sockets, latency, failures, seconds: (performance.now() - started) / 1000 };
}

export function closeAll(sockets) {
  for (const socket of sockets) socket.close();
}

/**
 * Rooms of receivers: room r is chat chatIds[r]; its members[j]'s socket joins it. The first socket of each room
 * is its sender. Throws when a socket cannot connect or join: a fan-out with missing receivers measures nothing.
 */
export async function openRooms(ctx, chatIds, members, concurrency) {
  const rooms = [];
  for (const chatId of chatIds) {
    const opened = await openSockets(ctx.port, members.map((user) => user.token), members.length, concurrency);
    if (opened.failures.count > 0) throw new Error(`room sockets failed to connect: ${opened.failures.first}`);
    await inWindows(opened.sockets.length, concurrency, async (i) => {
      const ack = await opened.sockets[i].request("chat:join", { chatId }, SETUP_ACK_TIMEOUT_MS);
      if (!ctx.target.joined(ack)) throw new Error(`chat:join refused: ${JSON.stringify(ack)}`);
    });
    for (const socket of opened.sockets) socket.onEvent = ctx.deliveries.handle;
    rooms.push({ chatId, sockets: opened.sockets, sender: opened.sockets[0] });
  }
  return rooms;
}

/** Send results of one step; `pending` are sends not answered yet. */
export function newSendStats() {
  return { sent: 0, ok: 0, errors: 0, firstError: null };
}

/**
 * One message:send of `step` from `socket` to `chatId`; its ack lands in `stats` (and `onAck`, if given). Counts
 * the chat's messages in ctx.history: what a send costs the Java server may depend on how many its chat holds.
 */
export function send(ctx, socket, chatId, step, stats, onAck) {
  const sentUs = Math.round(nowUs());
  const payload = ctx.target.sendPayload(chatId, `~${step}:${sentUs}~`, `${ctx.run}-${step}-${stats.sent}`);
  stats.sent++;
  ctx.history.set(chatId, (ctx.history.get(chatId) ?? 0) + 1);
  socket.emitWithAck("message:send", payload, (ack) => {
    if (ctx.target.sent(ack)) stats.ok++;
    else {
      stats.errors++;
      stats.firstError ??= ctx.target.error(ack);
    }
    onAck?.(ack, sentUs);
  });
}

/**
 * Open loop: `rate` sends per second, round robin over the rooms' senders, for `seconds`. The schedule does not
 * wait for acks; when the generator falls behind it catches up at the next tick, so what it offered is `sent`.
 */
export function offer(ctx, rooms, rate, seconds, step, stats) {
  return new Promise((resolve) => {
    const started = performance.now();
    let due = 0;
    const timer = setInterval(() => {
      const elapsed = Math.min(seconds, (performance.now() - started) / 1000);
      for (const target = Math.floor(elapsed * rate); due < target; due++) {
        const room = rooms[due % rooms.length];
        send(ctx, room.sender, room.chatId, step, stats);
      }
      if (elapsed >= seconds) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
}

/** Waits until every send in `stats` is answered and `expected()` deliveries arrived, or `seconds` passed. */
export async function drain(stats, received, expected, seconds) {
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    if (stats.every((s) => s.ok + s.errors === s.sent) && received() >= expected()) return true;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
  return false;
}

/** Messages sent so far to the rooms' chats, on average per chat. */
export const historyOf = (ctx, rooms) => rooms.reduce((sum, room) => sum + (ctx.history.get(room.chatId) ?? 0), 0) / rooms.length;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
