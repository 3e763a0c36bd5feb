// Writes BENCHMARKS.md (to stdout) from one run of bench/run.sh: node report.js OUT_DIR
// Every figure comes from the run's JSON; where a scenario did not run or failed, the report says so.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GENERATOR_BUSY } from "./scenarios.js";
import { sections } from "./report-sections.js";

const TARGETS = [
  { label: "h2", name: "Java, H2" },
  { label: "pg", name: "Java, PostgreSQL" },
  { label: "node", name: "Node peer" },
];
// Above this share of a core taken by processes outside the benchmark, a figure is flagged as disturbed.
const OTHER_LOAD = 10;

const dir = process.argv[2];
const read = (file) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8") : null);
const env = Object.fromEntries((read("environment.tsv") ?? "").split("\n").filter(Boolean).map((l) => l.split("\t")));
const runs = TARGETS.map((t) => ({ ...t, result: JSON.parse(read(`${t.label}.json`) ?? "null"), failed: read(`${t.label}.failed`), log: read(`${t.label}.log`) }))
  .filter((t) => t.result !== null || t.failed !== null);

const out = [];
const p = (line = "") => out.push(line);
p("# Benchmarks: this server beside the plain Node socket.io peer");
p();
p(`Written by \`${env.command}\` (issue 10, point 5). Regenerate it with that command rather than editing it;`);
p("bench/run.sh explains the options. Raw figures and server logs of a run stay in `bench/out/` (not committed).");
p();
const o = runs.find((r) => r.result)?.result.options ?? {};
if (o.quick) {
  p("**A smoke run (`--quick`): few connections, seconds-long phases and a 5-second warm-up. It shows that every");
  p("scenario works, not what the servers can do; quote the figures of a full run on a quiet machine instead.**");
  p();
}
p("## Machine and method");
p();
p("| | |");
p("|---|---|");
for (const [key, title] of [["date", "date (start)"], ["commit", "git commit"], ["command", "command"], ["cores", "nproc"], ["cpu", "CPU"], ["kernel", "kernel"], ["memory", "memory"], ["load", "load average at start"], ["nofile", "ulimit -n"], ["java", "JDK"], ["jvmOpts", "JVM flags given"], ["jvmFlags", "JVM flags in effect on one core (-XX:+PrintCommandLineFlags)"], ["node", "Node"], ["peerSocketIo", "peer's socket.io"], ["ws", "generator's ws"], ["postgresql", "PostgreSQL"]]) {
  p(`| ${title} | ${key === "command" || key === "jvmFlags" ? "`" + env[key] + "`" : env[key] ?? "?"} |`);
}
p();
p(`Each server in turn runs alone, pinned to core 0 (\`taskset -c 0\`); the generator (\`bench/rt\`, Node with the
\`ws\` package speaking Engine.IO v4 / Socket.IO v5 frames itself over \`ws://127.0.0.1:PORT/socket.io/?EIO=4&transport=websocket\`,
no compression) is a separate process pinned to core 1; loopback only. Server CPU is utime+stime of the server's
process from \`/proc/PID/stat\` over a phase; generator CPU is its own \`process.cpuUsage()\`; "other" is what the
rest of the machine took of that core (\`/proc/stat\`). A figure taken while the generator used more than
${GENERATOR_BUSY}% of its core is marked **gen**: the generator may bound it. One taken while other processes took more
than ${OTHER_LOAD}% of a pinned core is marked **noisy**. Latencies are percentiles of a histogram (1/64 resolution) of
every delivery or ack; a delivery's latency is its receive time minus the send time written into the message
text, both read from the generator's one monotonic clock.

The Java server (its own JWTs, HS256) verifies the token of every connect and that its user exists (from a
cache of known users after the first time);
${o.connectUsers} accounts were registered (\`POST /api/auth/register\`, BCrypt) for the connect and soak scenarios and
${o.roomSize} for the rooms, and each opens several connections (registration costs tens of ms of BCrypt on the
server's one core, so it is setup, not measured). The Node peer runs with \`--jwt-secret\`: the generator mints
HS256 JWTs (\`sub\` = user id) that the peer verifies on every connect. A room is a group chat created over REST on
the Java server (\`chat:join\` then \`message:send {chatId, text, clientMessageId}\`, acked \`{ok, message}\` once
committed to the database), a room name on the peer (\`message:send {chatId, text, clientId}\`, kept in memory);
deliveries are \`message:new\` to every socket of the room, the sender's included. The Java server runs with
\`--realtime.limits.messages-per-second=1000000000 --realtime.limits.message-burst=2000000000\` (no per-user send
limit) and otherwise its defaults; H2 is a file database in a temporary directory, PostgreSQL a fresh schema
dropped after the run. Memory per idle connection: Java after \`jcmd PID GC.run\` and ${o.settleSeconds} s to settle, both
before and with the connections open; the peer cannot be given \`--expose-gc\` without changing it, so it is only
left alone for ${2 * o.settleSeconds} s before each reading. Descriptors: \`ulimit -n\` is ${env.nofile} for the servers and
the generator alike (each side of a connection holds one).`);
p();
p("Commands, as run (temporary paths as they were):");
p();
p("```");
for (const run of runs) {
  for (const [suffix, what] of [["command", "server"], ["generator", "generator"]]) {
    const line = read(`${run.label}.${suffix}`);
    if (line) p(`# ${run.name}, ${what}${suffix === "command" && read(`${run.label}.startup`) ? ` (answered its health check after ${read(`${run.label}.startup`).trim()} s)` : ""}\n${line.trim()}`);
  }
}
p("```");
p();
sections(runs, p, { generatorBusy: GENERATOR_BUSY, otherLoad: OTHER_LOAD });
process.stdout.write(out.join("\n") + "\n");
