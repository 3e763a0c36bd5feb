#!/usr/bin/env node
// Load generator for bench/fanout.sh and bench/cluster-fanout.sh: drives one server through the official npm socket.io-client over WebSocket
// and writes its figures as JSON; `report` prints the servers side by side, `cluster-report` one node beside two.
// Loopback only, every loop bounded.
//
//   node fanout.js run --server java|node --url http://127.0.0.1:PORT --pid SERVER_PID[,PID...] --out FILE
//                      [--url2 http://127.0.0.1:PORT2] [--redis-pid PID]
//                      [--connections 1000] [--receivers 200] [--senders 4] [--window 4] [--seconds 15]
//                      [--warmup 5] [--clock-ticks 100]
//   node fanout.js report JAVA.json NODE.json
//   node fanout.js cluster-report JAVA_ONE.json JAVA_TWO.json [NODE_ONE.json NODE_TWO.json]
//
// --url2: a second node of the same cluster; every other receiver connects there, senders stay on --url.
// --pid takes every node's pid (their CPU is summed); --redis-pid adds Redis's CPU. --connections 0 skips the
// connection phase.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { io } from "socket.io-client";
import { cpuMark, cpuSince, rssKb } from "./proc.js";
import { printClusterReport } from "./cluster-report.js";
import { printReport } from "./report.js";
import { inWindows, serverFor } from "./servers.js";

const CONNECT_WINDOW = 50; // handshakes in flight at once
const CONNECT_TIMEOUT_MS = 10_000;
const ACK_TIMEOUT_MS = 10_000;
const SETTLE_MS = 2_000; // before reading RSS, so buffers of the handshakes are released
const DRAIN_MS = 5_000; // at most, for deliveries still on the way when sending stops
const MAX_SENDS_PER_SENDER = 10_000_000;
const HISTOGRAM_STEP_MS = 0.01;
const HISTOGRAM_BUCKETS = 1_000_000; // 10 µs steps up to 10 s, the last bucket takes anything longer

const LIMITS = {
  connections: [0, 10_000, 1000],
  receivers: [1, 499, 200],
  senders: [1, 64, 4],
  window: [1, 256, 4],
  seconds: [1, 600, 15],
  warmup: [0, 60, 5],
  "clock-ticks": [1, 10_000, 100],
};
const PID_LISTS = ["pid", "redis-pid"];
const URL_PATTERN = /^http:\/\/127\.0\.0\.1:\d+$/;

async function main(argv) {
  if (argv[0] === "report" || argv[0] === "cluster-report") {
    const runs = argv.slice(1).map((file) => JSON.parse(readFileSync(file, "utf8")));
    (argv[0] === "report" ? printReport : printClusterReport)(runs);
    return;
  }
  if (argv[0] !== "run") throw new Error("usage: node fanout.js run --server ... | report FILE... | cluster-report FILE...");
  const opts = parseOptions(argv.slice(1));
  const server = serverFor(opts.server, opts.url);
  const run = randomBytes(4).toString("hex");
  const log = (line) => console.log(`[${server.name}] ${line}`);

  log(`creating ${opts.senders + opts.receivers} users`);
  const users = await server.users(opts.senders + opts.receivers, run);
  const connections = opts.connections === 0 ? null : await measureConnections(opts, users, log);
  const chatId = await server.createChat(users, run);
  const fanout = await measureFanout(opts, server, users, chatId, log);
  const nodes = opts.urls.length;
  writeFileSync(opts.out, JSON.stringify({ server: server.name, nodes, params: paramsOf(opts), connections, fanout }, null, 2));
}

function parseOptions(args) {
  const opts = {};
  for (const [name, [, , fallback]] of Object.entries(LIMITS)) opts[name] = fallback;
  for (const name of PID_LISTS) opts[name] = [];
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, "");
    const value = args[i + 1];
    if (value === undefined) throw new Error(`missing value for ${args[i]}`);
    if (["server", "url", "url2", "out"].includes(name)) opts[name] = value;
    else if (PID_LISTS.includes(name)) opts[name] = parsePids(args[i], value);
    else if (name in LIMITS) opts[name] = Number(value);
    else throw new Error(`unknown option ${args[i]}`);
  }
  for (const [name, [min, max]] of Object.entries(LIMITS)) {
    if (!Number.isInteger(opts[name]) || opts[name] < min || opts[name] > max) {
      throw new Error(`--${name} must be an integer within ${min}..${max}`);
    }
  }
  if (opts.senders + opts.receivers > 500) throw new Error("senders + receivers must be at most 500 (group size)");
  if (!URL_PATTERN.test(opts.url ?? "")) throw new Error("--url must be http://127.0.0.1:PORT");
  if (opts.url2 !== undefined && !URL_PATTERN.test(opts.url2)) throw new Error("--url2 must be http://127.0.0.1:PORT");
  if (!opts.server || !opts.out || opts.pid.length === 0) throw new Error("--server, --pid and --out are required");
  if (opts.url2 !== undefined && opts.receivers < 2) throw new Error("--url2 needs at least 2 receivers");
  opts.urls = opts.url2 === undefined ? [opts.url] : [opts.url, opts.url2];
  opts.clockTicks = opts["clock-ticks"];
  opts.redisPids = opts["redis-pid"];
  return opts;
}

function parsePids(option, value) {
  const pids = value.split(",").map(Number);
  if (pids.some((pid) => !Number.isInteger(pid) || pid < 1 || pid > 2 ** 22)) {
    throw new Error(`${option} must be one or more pids separated by commas`);
  }
  return pids;
}

function paramsOf(opts) {
  const { connections, receivers, senders, window, seconds, warmup } = opts;
  return { connections, receivers, senders, window, seconds, warmup, connectWindow: CONNECT_WINDOW };
}

/** Opens N idle sockets (users reused round-robin), times it, and reads the server's RSS around it. */
async function measureConnections(opts, users, log) {
  const warm = await openSockets(opts.url, Math.min(100, opts.connections), users);
  closeAll(warm.sockets);
  await sleep(SETTLE_MS);

  const rssBeforeKb = rssKb(opts.pid);
  const started = performance.now();
  const { sockets, failed } = await openSockets(opts.url, opts.connections, users);
  const elapsedS = (performance.now() - started) / 1000;
  await sleep(SETTLE_MS);
  const rssAfterKb = rssKb(opts.pid);
  closeAll(sockets);
  await sleep(SETTLE_MS);

  const open = sockets.length;
  log(`${open} connections in ${elapsedS.toFixed(2)} s, RSS ${rssBeforeKb} -> ${rssAfterKb} KB, ${failed} failed`);
  return {
    open,
    failed,
    perSecond: open / elapsedS,
    rssBeforeKb,
    rssAfterKb,
    kbPerConnection: open === 0 ? null : (rssAfterKb - rssBeforeKb) / open,
  };
}

async function openSockets(url, count, users) {
  const sockets = [];
  let failed = 0;
  await inWindows(count, CONNECT_WINDOW, async (i) => {
    try {
      sockets.push(await connect(url, users[i % users.length].token));
    } catch {
      failed++;
    }
  });
  return { sockets, failed };
}

function connect(url, token) {
  const socket = io(url, {
    transports: ["websocket"],
    auth: { token },
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

function closeAll(sockets) {
  for (const socket of sockets) socket.disconnect();
}

/**
 * S senders keep W sends each waiting for their ack, R receivers time every message:new against the send time
 * carried in its text. Counts what happens in the measured window that follows the warmup. With two nodes the
 * senders are on the first and the receivers alternate between them; each node's receivers are counted apart.
 */
async function measureFanout(opts, server, users, chatId, log) {
  const senders = await joinAll(opts.url, server, users.slice(0, opts.senders), chatId);
  const nodes = await joinReceivers(opts, server, users.slice(opts.senders), chatId);
  const receivers = nodes.flatMap((node) => node.receivers);
  const state = { sending: true, measuring: false, acked: 0, ackedAll: 0, errors: 0, deliveredAll: 0 };
  for (const node of nodes) timeDeliveries(node, server, state);

  const split = nodes.map((node) => node.receivers.length).join(" + ");
  log(`fan-out: ${senders.length} senders, ${split} receivers, warmup ${opts.warmup} s`);
  const sending = senders.map((socket, i) => sendLoop(opts, server, socket, i, chatId, state));
  await sleep(opts.warmup * 1000);
  const cpu = cpuMark(opts.pid, opts.redisPids);
  state.measuring = true;
  const started = performance.now();
  await sleep(opts.seconds * 1000);
  state.measuring = false;
  const elapsedS = (performance.now() - started) / 1000;
  const cpuUse = cpuSince(cpu, opts.pid, opts.redisPids, opts.clockTicks, elapsedS);
  state.sending = false;
  const delivered = nodes.reduce((sum, node) => sum + node.delivered, 0);

  await Promise.race([Promise.all(sending), sleep(ACK_TIMEOUT_MS + 1000)]);
  const expected = state.ackedAll * receivers.length;
  for (let waited = 0; waited < DRAIN_MS && state.deliveredAll < expected; waited += 50) await sleep(50);
  closeAll(senders);
  closeAll(receivers);
  log(`${state.acked} sends, ${delivered} deliveries in ${elapsedS.toFixed(1)} s, ${state.errors} errors`);
  return {
    sendsPerSecond: state.acked / elapsedS,
    deliveriesPerSecond: delivered / elapsedS,
    latencyMs: Histogram.merged(nodes.map((node) => node.latency)).summary(),
    errors: state.errors,
    missing: Math.max(0, expected - state.deliveredAll),
    ...cpuUse,
    nodes: nodes.map((node) => ({
      url: node.url,
      receivers: node.receivers.length,
      deliveriesPerSecond: node.delivered / elapsedS,
      latencyMs: node.latency.summary(),
    })),
  };
}

/** The receivers of each node (url), every other user on the next one, with their own counts and latencies. */
async function joinReceivers(opts, server, users, chatId) {
  const nodes = [];
  for (const [n, url] of opts.urls.entries()) {
    const mine = users.filter((_, i) => i % opts.urls.length === n);
    nodes.push({ url, receivers: await joinAll(url, server, mine, chatId), delivered: 0, latency: new Histogram() });
  }
  return nodes;
}

function timeDeliveries(node, server, state) {
  for (const socket of node.receivers) {
    socket.on("message:new", (payload) => {
      const now = performance.now();
      const text = server.textOf(payload);
      state.deliveredAll++;
      if (state.measuring && typeof text === "string") {
        node.delivered++;
        node.latency.record(now - Number(text.slice(text.lastIndexOf("t=") + 2)));
      }
    });
  }
}

async function joinAll(url, server, users, chatId) {
  const { sockets, failed } = await openSockets(url, users.length, users);
  if (failed > 0) throw new Error(`${failed} of ${users.length} fan-out sockets did not connect`);
  await inWindows(sockets.length, CONNECT_WINDOW, async (i) => {
    const ack = await sockets[i].timeout(ACK_TIMEOUT_MS).emitWithAck("chat:join", { chatId });
    if (!server.joined(ack)) throw new Error(`chat:join refused: ${JSON.stringify(ack)}`);
  });
  return sockets;
}

/** One sender: keeps `window` message:send waiting for their ack until told to stop; resolves once all are in. */
function sendLoop(opts, server, socket, index, chatId, state) {
  let sent = 0;
  let waiting = 0;
  return new Promise((resolve) => {
    const onAck = (error, ack) => {
      waiting--;
      if (error || !server.sent(ack)) {
        state.errors++;
      } else {
        state.ackedAll++;
        if (state.measuring) state.acked++;
      }
      if (!fill() && waiting === 0) resolve();
    };
    const fill = () => {
      let more = false;
      while (state.sending && sent < MAX_SENDS_PER_SENDER && waiting < opts.window) {
        const text = `fanout ${index}#${sent} t=${performance.now().toFixed(3)}`;
        const payload = server.sendPayload(chatId, text, `${index}-${sent}`);
        sent++;
        waiting++;
        more = true;
        socket.timeout(ACK_TIMEOUT_MS).emit("message:send", payload, onAck);
      }
      return more;
    };
    fill();
  });
}

/** Latencies in fixed 10 µs buckets: constant memory however many deliveries, exact enough for p999. */
class Histogram {
  counts = new Uint32Array(HISTOGRAM_BUCKETS);
  total = 0;
  max = 0;

  record(ms) {
    const bucket = Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(ms / HISTOGRAM_STEP_MS)));
    this.counts[bucket]++;
    this.total++;
    if (ms > this.max) this.max = ms;
  }

  static merged(histograms) {
    const sum = new Histogram();
    for (const histogram of histograms) {
      for (let i = 0; i < HISTOGRAM_BUCKETS; i++) sum.counts[i] += histogram.counts[i];
      sum.total += histogram.total;
      sum.max = Math.max(sum.max, histogram.max);
    }
    return sum;
  }

  summary() {
    if (this.total === 0) return { count: 0, p50: null, p99: null, p999: null, max: null };
    const at = (q) => {
      const rank = Math.ceil(q * this.total);
      let seen = 0;
      for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
        seen += this.counts[i];
        if (seen >= rank) return (i + 1) * HISTOGRAM_STEP_MS;
      }
      return this.max;
    };
    return { count: this.total, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: this.max };
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    console.error(`fanout.js: ${error.stack ?? error}`);
    process.exit(1);
  },
);
