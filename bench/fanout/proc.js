// What the generator reads from /proc: the server's resident memory and CPU time, and how busy the two cores
// were, so that load from processes outside the benchmark shows up in the report instead of in the figures.
import { readFileSync } from "node:fs";

const SERVER_CORE = 0;
const GENERATOR_CORE = 1;

/** VmRSS of a process, in KB. */
export function rssKb(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** A CPU reading to compare a later one with. */
export function cpuMark(pid) {
  return { server: processTicks(pid), generator: process.cpuUsage(), cores: coreBusyTicks() };
}

/**
 * Percent of one core used since the mark: by the server, by this generator, and by anything else on the
 * server's core and on the generator's core.
 */
export function cpuSince(mark, pid, clockTicks, elapsedS) {
  const percent = (ticks) => (100 * ticks) / clockTicks / elapsedS;
  const used = process.cpuUsage(mark.generator);
  const server = percent(processTicks(pid) - mark.server);
  const generator = (100 * (used.user + used.system)) / 1e6 / elapsedS;
  const cores = coreBusyTicks();
  const busy = (core) => percent(cores[core] - mark.cores[core]);
  return {
    serverCpu: server,
    generatorCpu: generator,
    otherOnServerCore: Math.max(0, busy(SERVER_CORE) - server),
    otherOnGeneratorCore: Math.max(0, busy(GENERATOR_CORE) - generator),
  };
}

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command name). */
function processTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
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
