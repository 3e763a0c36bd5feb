// What the generator reads of the server under test (/proc/PID) and of itself, and how busy the two cores were,
// so that load from outside the benchmark shows in the report instead of in the figures.
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";

const SERVER_CORE = 0;
const GENERATOR_CORE = 1;

/** Whether the process runs: one that exited stays a zombie (state Z) until its parent, run.sh, waits for it. */
export function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return false;
  }
}

/** VmRSS in KB. */
export function rssKb(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

export function openFds(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat; split after the command name). */
export function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** A point to measure CPU from: of the server, of this generator, of both cores. */
export function cpuMark(pid) {
  return { at: performance.now(), server: cpuTicks(pid), generator: process.cpuUsage(), cores: coreBusyTicks() };
}

/**
 * Since the mark: seconds of server CPU, and percent of one core used by the server, by this generator, and by
 * anything else on each of the two cores.
 */
export function cpuSince(mark, pid, clockTicks) {
  const elapsedS = (performance.now() - mark.at) / 1000;
  const percent = (ticks) => (100 * ticks) / clockTicks / elapsedS;
  const serverTicks = cpuTicks(pid) - mark.server;
  const used = process.cpuUsage(mark.generator);
  const generator = (100 * (used.user + used.system)) / 1e6 / elapsedS;
  const cores = coreBusyTicks();
  const busy = (core) => percent(cores[core] - mark.cores[core]);
  return {
    seconds: elapsedS,
    serverCpuS: serverTicks / clockTicks,
    serverCpu: percent(serverTicks),
    generatorCpuS: (used.user + used.system) / 1e6,
    generatorCpu: generator,
    otherOnServerCore: Math.max(0, busy(SERVER_CORE) - percent(serverTicks)),
    otherOnGeneratorCore: Math.max(0, busy(GENERATOR_CORE) - generator),
  };
}

/** Non-idle clock ticks per core from /proc/stat: user, nice, system, irq, softirq, steal. */
function coreBusyTicks() {
  const busy = [];
  for (const line of readFileSync("/proc/stat", "utf8").split("\n")) {
    const match = /^cpu(\d+) (.*)$/.exec(line);
    if (!match) continue;
    const [user, nice, system, , , irq, softirq, steal] = match[2].trim().split(/\s+/).map(Number);
    busy[Number(match[1])] = user + nice + system + irq + softirq + steal;
  }
  return busy;
}

/** A full GC of the JVM (jcmd GC.run); false when jcmd failed. */
export function fullGc(pid) {
  try {
    execFileSync("jcmd", [String(pid), "GC.run"], { timeout: 60_000, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Java heap in use, KB, from jcmd GC.heap_info: the sum of the "total ..K, used ..K" lines (the generations of
 * Serial and Parallel GC, the one heap line of G1; Metaspace has no "total" and is left out). Null if unreadable.
 */
export function heapUsedKb(pid) {
  try {
    const out = execFileSync("jcmd", [String(pid), "GC.heap_info"], { timeout: 60_000, encoding: "utf8" });
    const used = [...out.matchAll(/total \d+K, used (\d+)K/g)].map((match) => Number(match[1]));
    return used.length ? used.reduce((a, b) => a + b, 0) : null;
  } catch {
    return null;
  }
}
