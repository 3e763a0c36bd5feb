// What the generator reads from /proc: the resident memory and CPU time of the processes under test, and how
// busy the two cores were, so that load from processes outside the benchmark shows up in the report instead of in
// the figures. Every function takes a list of pids: one server, or the nodes of a cluster, summed.
import { readFileSync } from "node:fs";

const SERVER_CORE = 0;
const GENERATOR_CORE = 1;

/** VmRSS of the processes, in KB, summed. */
export function rssKb(pids) {
  let total = 0;
  for (const pid of pids) {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    if (!match) throw new Error(`no VmRSS for pid ${pid}`);
    total += Number(match[1]);
  }
  return total;
}

/** A CPU reading to compare a later one with: the server processes, the Redis processes (may be none), cores. */
export function cpuMark(serverPids, redisPids) {
  return {
    server: processTicks(serverPids),
    redis: processTicks(redisPids),
    generator: process.cpuUsage(),
    cores: coreBusyTicks(),
  };
}

/**
 * Percent of one core used since the mark: by the servers, by Redis (null when there is none), by this
 * generator, and by anything else on the server's core (where Redis runs too) and on the generator's core.
 */
export function cpuSince(mark, serverPids, redisPids, clockTicks, elapsedS) {
  const percent = (ticks) => (100 * ticks) / clockTicks / elapsedS;
  const used = process.cpuUsage(mark.generator);
  const server = percent(processTicks(serverPids) - mark.server);
  const redis = percent(processTicks(redisPids) - mark.redis);
  const generator = (100 * (used.user + used.system)) / 1e6 / elapsedS;
  const cores = coreBusyTicks();
  const busy = (core) => percent(cores[core] - mark.cores[core]);
  return {
    serverCpu: server,
    redisCpu: redisPids.length === 0 ? null : redis,
    generatorCpu: generator,
    otherOnServerCore: Math.max(0, busy(SERVER_CORE) - server - redis),
    otherOnGeneratorCore: Math.max(0, busy(GENERATOR_CORE) - generator),
  };
}

/** utime + stime of the processes, in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command name). */
function processTicks(pids) {
  let total = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += Number(fields[11]) + Number(fields[12]);
  }
  return total;
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
