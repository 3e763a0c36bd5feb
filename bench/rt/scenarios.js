// The scenarios of issue 10, point 5. Each returns plain figures for the report; none asserts anything.
import { Histogram } from "./stats.js";
import { alive, cpuMark, cpuSince, fullGc, heapUsedKb, openFds, rssKb } from "./proc.js";
import { closeAll, drain, historyOf, newSendStats, nowUs, offer, openSockets, send, sleep } from "./load.js";

// Above this share of its core the generator may be what limits a figure; the report flags it.
export const GENERATOR_BUSY = 85;
const P99_LIMIT_MS = 50;
const ACK_TIMEOUT_S = 10;

/**
 * Consecutive open-loop steps over the same rooms (`plan`: [{rate: deliveries/s, seconds}]), then one drain for
 * all. A row per step: what was offered and achieved, latency, losses, CPU. CPU percentages are of the step's
 * window; CPU per delivery is the CPU time of that window (the last one's with the drain, when the late deliveries
 * arrive) divided by the deliveries of the messages the step sent.
 */
export async function runSteps(ctx, rooms, plan, drainSeconds) {
  const roomSize = rooms[0].sockets.length;
  const steps = [];
  for (const { rate, seconds } of plan) {
    const step = { id: ctx.nextStep++, rate, seconds, stats: newSendStats(), history: historyOf(ctx, rooms) };
    step.recorder = ctx.deliveries.open(step.id);
    step.mark = cpuMark(ctx.pid);
    step.startUs = nowUs();
    await offer(ctx, rooms, rate / roomSize, seconds, step.id, step.stats);
    step.window = cpuSince(step.mark, ctx.pid, ctx.clockTicks);
    steps.push(step);
  }
  const expected = () => steps.reduce((sum, s) => sum + (s.stats.sent - s.stats.errors) * roomSize, 0);
  const received = () => steps.reduce((sum, s) => sum + s.recorder.count, 0);
  const drained = await drain(steps.map((s) => s.stats), received, expected, drainSeconds);
  const last = steps[steps.length - 1];
  last.withDrain = cpuSince(last.mark, ctx.pid, ctx.clockTicks);
  return steps.map((s) => stepRow(s, roomSize, drained));
}

function stepRow({ rate, seconds, stats, recorder, startUs, window, withDrain, history }, roomSize, drained) {
  const cpuTime = withDrain ?? window;
  const perDelivery = (cpuS) => (recorder.count ? (cpuS * 1e6) / recorder.count : null);
  const spanS = Math.max(seconds, (recorder.lastAt - startUs) / 1e6);
  return {
    offered: rate,
    history,
    sendsPerS: stats.sent / seconds,
    achieved: recorder.count / spanS,
    latencyMs: recorder.histogram.summaryMs(),
    delivered: recorder.count,
    lost: Math.max(0, (stats.sent - stats.errors) * roomSize - recorder.count),
    sendErrors: stats.errors,
    firstError: stats.firstError,
    unanswered: stats.sent - stats.ok - stats.errors,
    drained,
    // The generator could not send at the offered rate: the step measured less load than it says.
    shortOffered: stats.sent < 0.9 * (rate / roomSize) * seconds,
    serverUsPerDelivery: perDelivery(cpuTime.serverCpuS),
    // What a delivery costs the generator: its ceiling is about GENERATOR_BUSY % of a core divided by this.
    generatorUsPerDelivery: perDelivery(cpuTime.generatorCpuS),
    serverCpu: window.serverCpu,
    generatorCpu: window.generatorCpu,
    otherOnServerCore: window.otherOnServerCore,
    otherOnGeneratorCore: window.otherOnGeneratorCore,
    generatorBusy: window.generatorCpu > GENERATOR_BUSY,
  };
}

/** A step passes when p99 < 50 ms and every send was answered ok and delivered to every room member. */
export const passes = (row) =>
  !row.shortOffered &&
  row.latencyMs.p99 !== null && row.latencyMs.p99 < P99_LIMIT_MS && row.lost === 0 && row.sendErrors === 0 && row.unanswered === 0;

/** The rate sweep: up the list until a step fails (or the generator could not offer its rate); the knee. */
export async function fanout(ctx, rooms, o) {
  const rows = [];
  for (const rate of o.rates) {
    const [row] = await runSteps(ctx, rooms, [{ rate, seconds: o.stepSeconds }], o.drainSeconds);
    rows.push(row);
    ctx.log(`fanout ${rate}/s: ${row.achieved.toFixed(0)}/s p99 ${row.latencyMs.p99} ms lost ${row.lost} errors ${row.sendErrors} gen ${row.generatorCpu.toFixed(0)}%`);
    if (!passes(row)) break;
    ensureAlive(ctx);
  }
  const passed = rows.filter(passes);
  return { rooms: rooms.length, roomSize: rooms[0].sockets.length, stepSeconds: o.stepSeconds, rows, knee: passed.length ? passed[passed.length - 1].offered : null };
}

/** The first load on a fresh server, in slices, then the warm-up (reported as one row, not measured beyond). */
export async function cold(ctx, rooms, o) {
  const slices = Math.max(1, Math.round(o.coldSeconds / o.sliceSeconds));
  const plan = Array.from({ length: slices }, () => ({ rate: o.coldRate, seconds: o.sliceSeconds }));
  return { rate: o.coldRate, sliceSeconds: o.sliceSeconds, rows: await runSteps(ctx, rooms, plan, o.drainSeconds) };
}

/** Closed loop: `inFlight` sends outstanding at all times, spread over the sender sockets, for `seconds`. */
export async function acksWindow(ctx, senders, chatId, inFlight, seconds) {
  const latency = new Histogram();
  const stats = newSendStats();
  const step = ctx.nextStep++;
  ctx.deliveries.open(step);
  const history = ctx.history.get(chatId) ?? 0;
  const mark = cpuMark(ctx.pid);
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.race([
    new Promise((resolve) => {
      let active = inFlight;
      const next = (slot) => {
        if (performance.now() >= end) {
          if (--active === 0) resolve();
          return;
        }
        send(ctx, senders[slot % senders.length], chatId, step, stats, (ack, sentUs) => {
          if (ctx.target.sent(ack)) latency.record(nowUs() - sentUs);
          next(slot);
        });
      };
      for (let slot = 0; slot < inFlight; slot++) next(slot);
    }),
    sleep((seconds + ACK_TIMEOUT_S) * 1000),
  ]);
  const cpu = cpuSince(mark, ctx.pid, ctx.clockTicks);
  return {
    inFlight,
    history,
    senders: Math.min(inFlight, senders.length),
    acksPerS: stats.ok / cpu.seconds,
    latencyMs: latency.summaryMs(),
    sendErrors: stats.errors,
    firstError: stats.firstError,
    unanswered: stats.sent - stats.ok - stats.errors,
    serverUsPerAck: stats.ok ? (cpu.serverCpuS * 1e6) / stats.ok : null,
    serverCpu: cpu.serverCpu,
    generatorCpu: cpu.generatorCpu,
    otherOnServerCore: cpu.otherOnServerCore,
    generatorBusy: cpu.generatorCpu > GENERATOR_BUSY,
  };
}

/**
 * RSS (and for the JVM the heap in use) once the server has settled: after a full GC for the JVM; Node is only
 * left alone for a while.
 */
export async function settledMemory(ctx, o) {
  if (ctx.target.kind !== "java") {
    await sleep(2 * o.settleSeconds * 1000);
    return { rssKb: rssKb(ctx.pid), heapKb: null };
  }
  if (!fullGc(ctx.pid)) ctx.note("jcmd GC.run failed: an RSS was read without a full GC");
  const heapKb = heapUsedKb(ctx.pid);
  await sleep(o.settleSeconds * 1000);
  return { rssKb: rssKb(ctx.pid), heapKb };
}

/** One round of `connections` connects, then RSS with all of them idle, then all closed. */
export async function connectRound(ctx, tokens, o) {
  const before = await settledMemory(ctx, o);
  const fdsBefore = openFds(ctx.pid);
  const mark = cpuMark(ctx.pid);
  const opened = await openSockets(ctx.port, tokens, o.connections, o.concurrency);
  const cpu = cpuSince(mark, ctx.pid, ctx.clockTicks);
  const fdsOpen = openFds(ctx.pid);
  const after = await settledMemory(ctx, o);
  closeAll(opened.sockets);
  const n = opened.sockets.length;
  await sleep(o.settleSeconds * 1000);
  return {
    connections: n,
    failures: opened.failures.count,
    firstFailure: opened.failures.first,
    perS: n / opened.seconds,
    latencyMs: opened.latency.summaryMs(),
    serverUsPerConnect: n ? (cpu.serverCpuS * 1e6) / n : null,
    serverCpu: cpu.serverCpu,
    generatorCpu: cpu.generatorCpu,
    otherOnServerCore: cpu.otherOnServerCore,
    generatorBusy: cpu.generatorCpu > GENERATOR_BUSY,
    rssBeforeKb: before.rssKb,
    rssIdleKb: after.rssKb,
    kbPerConnection: n ? (after.rssKb - before.rssKb) / n : null,
    // The JVM's RSS keeps heap it once grew to; the live heap after a full GC is the steadier figure.
    heapKbPerConnection: n && before.heapKb !== null && after.heapKb !== null ? (after.heapKb - before.heapKb) / n : null,
    fdsBefore,
    fdsOpen,
  };
}

/** Many idle sockets plus a light steady fan-out, sampling RSS and descriptors; heap after GC at both ends. */
export async function soak(ctx, rooms, tokens, o) {
  const idle = await openSockets(ctx.port, tokens, o.soakConnections, o.concurrency);
  ctx.log(`soak: ${idle.sockets.length} idle sockets open (${idle.failures.count} failed)`);
  const heapFirstKb = ctx.target.kind === "java" && fullGc(ctx.pid) ? heapUsedKb(ctx.pid) : null;
  const roomSize = rooms[0].sockets.length;
  const step = ctx.nextStep++;
  const recorder = ctx.deliveries.open(step);
  const stats = newSendStats();
  const samples = [];
  const started = performance.now();
  const totalS = o.soakMinutes * 60;
  while ((performance.now() - started) / 1000 < totalS - 0.5 && alive(ctx.pid)) {
    const seconds = Math.min(o.sampleSeconds, totalS - (performance.now() - started) / 1000);
    await offer(ctx, rooms, o.soakRate / roomSize, seconds, step, stats);
    samples.push({ atS: (performance.now() - started) / 1000, rssKb: rssKb(ctx.pid), fds: openFds(ctx.pid) });
  }
  await drain([stats], () => recorder.count, () => (stats.sent - stats.errors) * roomSize, o.drainSeconds);
  const heapLastKb = ctx.target.kind === "java" && fullGc(ctx.pid) ? heapUsedKb(ctx.pid) : null;
  closeAll(idle.sockets);
  return {
    idleConnections: idle.sockets.length,
    connectFailures: idle.failures.count,
    firstFailure: idle.failures.first,
    minutes: o.soakMinutes,
    rate: o.soakRate,
    samples,
    rss: series(samples.map((s) => s.rssKb)),
    fds: series(samples.map((s) => s.fds)),
    heapFirstKb,
    heapLastKb,
    latencyMs: recorder.histogram.summaryMs(),
    lost: Math.max(0, (stats.sent - stats.errors) * roomSize - recorder.count),
    sendErrors: stats.errors,
    unanswered: stats.sent - stats.ok - stats.errors,
  };
}

function series(values) {
  if (values.length === 0) return null;
  const first = values[0];
  const last = values[values.length - 1];
  return { first, last, max: Math.max(...values), growthPercent: (100 * (last - first)) / first };
}

export function ensureAlive(ctx) {
  if (!alive(ctx.pid)) throw new Error(`the server (pid ${ctx.pid}) is gone`);
}
