// The generator of bench/run.sh for one server under test (it runs pinned to core 1, the server to core 0):
//   node main.js --kind java|node --label NAME --port P --pid PID --out FILE [--quick] [--scenarios a,b] [--NAME value]
// Writes its figures as JSON to FILE after every scenario, so a server that dies or a timeout still leaves what
// was measured before; a failure is written there too, and the exit code is 1.
import { writeFileSync } from "node:fs";
import { targetFor } from "./targets.js";
import { Deliveries, closeAll, openRooms } from "./load.js";
import { acksWindow, cold, connectRound, ensureAlive, fanout, runSteps, soak } from "./scenarios.js";

const FULL = {
  scenarios: "cold,fanout,acks,connect",
  connections: 5000, concurrency: 50, connectUsers: 250,
  rooms: 10, roomSize: 100,
  rates: "20000,50000,100000,120000,200000,400000,800000", stepSeconds: 10, drainSeconds: 5,
  acksInFlight: "1,10,50,100", acksSenders: 4, acksReceivers: 2, acksSeconds: 10,
  coldRate: 10000, coldSeconds: 60, sliceSeconds: 10, warmupSeconds: 60,
  soakConnections: 10000, soakMinutes: 2, soakRate: 2000, sampleSeconds: 10,
  settleSeconds: 3,
};
// A smoke run: every scenario, small and short.
const QUICK = {
  ...FULL,
  scenarios: "cold,fanout,acks,connect,soak",
  connections: 500, connectUsers: 25, rooms: 4, roomSize: 25,
  rates: "5000,20000,50000", stepSeconds: 3, drainSeconds: 3, acksInFlight: "1,10,50", acksSeconds: 2,
  coldRate: 2500, coldSeconds: 10, sliceSeconds: 5, warmupSeconds: 5,
  soakConnections: 500, soakMinutes: 0.25, soakRate: 1000, sampleSeconds: 3, settleSeconds: 2,
};

// Given by bench/run.sh for each server, not a choice of the benchmark.
const RUN_OPTIONS = ["quick", "kind", "label", "port", "pid", "out", "jwtSecret", "clockTicks", "check"];

function parseArgs(argv) {
  const given = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (name === "quick") given.quick = true;
    else if (i + 1 < argv.length) given[name] = argv[++i];
    else throw new Error(`no value for ${argv[i]}`);
  }
  for (const name of Object.keys(given)) {
    if (!(name in FULL) && !RUN_OPTIONS.includes(name)) throw new Error(`unknown option --${name}`);
  }
  const o = { ...(given.quick ? QUICK : FULL), ...given };
  for (const key of Object.keys(FULL)) {
    if (typeof FULL[key] === "number") {
      o[key] = Number(o[key]);
      if (!(o[key] >= 0)) throw new Error(`--${key}: not a number: ${given[key]}`);
    }
  }
  o.port = Number(o.port);
  o.pid = Number(o.pid);
  o.clockTicks = Number(o.clockTicks ?? 100);
  o.scenarios = new Set(o.scenarios.split(","));
  o.rates = o.rates.split(",").map(Number);
  o.acksInFlight = o.acksInFlight.split(",").map(Number);
  return o;
}

const o = parseArgs(process.argv.slice(2));
if (o.check) {
  // bench/run.sh asks this before it starts any server: a mistyped option fails at once, not once per server.
  process.exit(0);
}
const ctx = {
  target: targetFor(o.kind, o.port, o.jwtSecret),
  port: o.port,
  pid: o.pid,
  clockTicks: o.clockTicks,
  run: Date.now().toString(36),
  nextStep: 1,
  deliveries: new Deliveries(),
  history: new Map(), // chat id -> messages sent to it in this run
  log: (line) => console.log(`[${o.label}] ${line}`),
  note: (line) => result.notes.push(line),
};
const options = { ...o, scenarios: [...o.scenarios] };
const result = { label: o.label, kind: o.kind, options, started: new Date().toISOString(), notes: [], failures: [] };
const save = () => writeFileSync(o.out, JSON.stringify(result, null, 1));
const has = (name) => o.scenarios.has(name);

async function timed(name, task) {
  const started = performance.now();
  const value = await task();
  result.setup[name] = (performance.now() - started) / 1000;
  return value;
}

async function main() {
  result.setup = {};
  const needRooms = has("cold") || has("fanout") || has("soak") || o.warmupSeconds > 0;
  const roomUsers = await timed("roomUsersS", () => ctx.target.users(`r${ctx.run}_`, Math.max(o.roomSize, o.acksSenders + o.acksReceivers)));
  const connectUsers = has("connect") || has("soak") ? await timed("connectUsersS", () => ctx.target.users(`c${ctx.run}_`, o.connectUsers)) : [];
  result.setup.users = roomUsers.length + connectUsers.length;
  const members = roomUsers.slice(0, o.roomSize);
  const chatIds = [];
  for (let r = 0; r < o.rooms; r++) chatIds.push(await ctx.target.createRoom(members, `room-${ctx.run}-${r}`));
  let rooms = needRooms ? await timed("roomSocketsS", () => openRooms(ctx, chatIds, members, o.concurrency)) : null;
  ctx.log(`setup: ${JSON.stringify(result.setup)}`);
  save();

  if (has("cold")) {
    result.cold = await cold(ctx, rooms, o);
    ctx.log(`cold p99 per slice (ms): ${result.cold.rows.map((r) => r.latencyMs.p99).join(" ")}`);
    save();
  }
  if (o.warmupSeconds > 0) {
    [result.warmup] = await runSteps(ctx, rooms, [{ rate: o.coldRate, seconds: o.warmupSeconds }], o.drainSeconds);
    ctx.log(`warm-up done: p99 ${result.warmup.latencyMs.p99} ms`);
    save();
  }
  if (has("fanout")) {
    ensureAlive(ctx);
    result.fanout = await fanout(ctx, rooms, o);
    save();
  }
  if (rooms !== null && !has("soak")) {
    closeAll(rooms.flatMap((room) => room.sockets));
    rooms = null;
  }
  if (has("acks")) await acks(roomUsers);
  if (has("connect")) {
    ensureAlive(ctx);
    const tokens = connectUsers.map((user) => user.token);
    result.connect = { users: connectUsers.length, first: await connectRound(ctx, tokens, o) };
    ctx.log(`connect round 1: ${result.connect.first.perS.toFixed(0)}/s ${result.connect.first.kbPerConnection?.toFixed(1)} KB each`);
    result.connect.second = await connectRound(ctx, tokens, o);
    ctx.log(`connect round 2: ${result.connect.second.perS.toFixed(0)}/s`);
    save();
  }
  if (has("soak")) {
    ensureAlive(ctx);
    result.soak = await soak(ctx, rooms, connectUsers.map((user) => user.token), o);
    ctx.log(`soak: RSS ${JSON.stringify(result.soak.rss)} fds ${JSON.stringify(result.soak.fds)}`);
    save();
  }
}

async function acks(users) {
  ensureAlive(ctx);
  const chatMembers = users.slice(0, o.acksSenders + o.acksReceivers);
  const chatId = await ctx.target.createRoom(chatMembers, `acks-${ctx.run}`);
  const [room] = await openRooms(ctx, [chatId], chatMembers, o.concurrency);
  const senders = room.sockets.slice(0, o.acksSenders);
  result.acks = { senders: senders.length, receivers: room.sockets.length - senders.length, seconds: o.acksSeconds, rows: [] };
  for (const inFlight of o.acksInFlight) {
    const row = await acksWindow(ctx, senders, chatId, inFlight, o.acksSeconds);
    result.acks.rows.push(row);
    ctx.log(`acks ${inFlight} in flight: ${row.acksPerS.toFixed(0)}/s p99 ${row.latencyMs.p99} ms`);
  }
  closeAll(room.sockets);
  save();
}

main()
  .catch((error) => {
    result.failures.push(error.stack ?? String(error));
    console.error(`[${o.label}] FAILED: ${error.stack ?? error}`);
  })
  .finally(() => {
    result.finished = new Date().toISOString();
    save();
    process.exit(result.failures.length ? 1 : 0);
  });
