// Prints the runs of fanout.js side by side with the Java/Node ratio of every figure.

const ROWS = [
  ["connections opened per second", (r) => r.connections.perSecond, "higher", 0],
  ["server RSS per idle connection, KB", (r) => r.connections.kbPerConnection, "lower", 1],
  ["connections failed", (r) => r.connections.failed, "lower", 0],
  ["sends acked per second", (r) => r.fanout.sendsPerSecond, "higher", 0],
  ["deliveries per second (message:new)", (r) => r.fanout.deliveriesPerSecond, "higher", 0],
  ["latency p50, ms", (r) => r.fanout.latencyMs.p50, "lower", 2],
  ["latency p99, ms", (r) => r.fanout.latencyMs.p99, "lower", 2],
  ["latency p999, ms", (r) => r.fanout.latencyMs.p999, "lower", 2],
  ["latency max, ms", (r) => r.fanout.latencyMs.max, "lower", 2],
  ["server CPU during fan-out, % of core 0", (r) => r.fanout.serverCpu, "", 0],
  ["generator CPU during fan-out, % of core 1", (r) => r.fanout.generatorCpu, "", 0],
  ["other processes on core 0 during fan-out, %", (r) => r.fanout.otherOnServerCore, "", 0],
  ["other processes on core 1 during fan-out, %", (r) => r.fanout.otherOnGeneratorCore, "", 0],
  ["send errors (whole run)", (r) => r.fanout.errors, "lower", 0],
  ["deliveries missing after drain", (r) => r.fanout.missing, "lower", 0],
];
const GENERATOR_SATURATED = 90;
const OTHER_LOAD_NOTED = 10;

/** `runs`: the JSON objects fanout.js wrote, one per server. */
export function printReport(runs) {
  const java = runs.find((run) => run.server === "java");
  const node = runs.find((run) => run.server === "node");
  if (!java || !node) throw new Error("report needs one java and one node run");
  const p = java.params;
  if (JSON.stringify(p) !== JSON.stringify(node.params)) throw new Error("the two runs used different parameters");

  const out = [];
  out.push("Fan-out benchmark: Java realtime-server vs plain Node socket.io 4.x peer, same run, same parameters");
  out.push(
    `parameters: idle connections N=${p.connections} (${p.connectWindow} handshakes in flight), ` +
      `receivers R=${p.receivers}, senders S=${p.senders}, window W=${p.window} acks per sender, ` +
      `measured T=${p.seconds} s after ${p.warmup} s warmup; socket.io-client 4.8.4, websocket transport`,
  );
  out.push("pinning: server under test on core 0 (taskset -c 0), load generator on core 1 (taskset -c 1), 127.0.0.1 only");
  out.push(
    "persistence: the Java server commits every message to its database (H2 file here) before it acks and " +
      "broadcasts; the Node peer keeps messages in memory",
  );
  out.push(
    "memory: VmRSS of the server process before and after opening the idle connections; a JVM reuses heap pages " +
      "it touched before, so its figure is what the connections cost in new resident memory, not their live heap",
  );
  out.push("latency: send time in the text to the receiver's handler, both in the generator (its queueing included)");
  out.push("absolute figures drift on this shared, noisy machine: compare the java/node ratios");
  out.push("");

  const header = ["", "java", "node", "java/node", "better"];
  const table = [header, ...ROWS.map(([label, get, better, digits]) => row(label, get(java), get(node), better, digits))];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => cells[c].length)));
  for (const cells of table) {
    out.push(cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  }

  for (const run of [java, node]) {
    const other = Math.max(run.fanout.otherOnServerCore, run.fanout.otherOnGeneratorCore);
    if (other >= OTHER_LOAD_NOTED) {
      out.push(
        `note: processes outside the benchmark took up to ${other.toFixed(0)}% of a pinned core during the ` +
          `${run.server} run: its fan-out figures understate what the server does on a quiet core`,
      );
    }
    if (run.fanout.generatorCpu >= GENERATOR_SATURATED) {
      out.push(
        `note: the generator used ${run.fanout.generatorCpu.toFixed(0)}% of core 1 during the ${run.server} run: ` +
          "its delivery and latency figures are bounded by the generator, not only by the server",
      );
    }
  }
  console.log(out.join("\n"));
}

function row(label, javaValue, nodeValue, better, digits) {
  const ratio = javaValue == null || nodeValue == null || nodeValue === 0 ? "-" : (javaValue / nodeValue).toFixed(2);
  return [label, format(javaValue, digits), format(nodeValue, digits), ratio, better];
}

function format(value, digits) {
  return value == null ? "-" : value.toFixed(digits);
}
