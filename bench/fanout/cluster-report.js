// Prints one-node and two-node runs of fanout.js side by side with the two-node/one-node ratio of every figure
// (bench/cluster-fanout.sh): the Java server's pair, and the Node peer's pair when there is one.

const node = (n, get) => (r) => (r.nodes === 2 ? get(r.fanout.nodes[n]) : null);
const ROWS = [
  ["sends acked per second", (r) => r.fanout.sendsPerSecond, "higher", 0],
  ["deliveries per second (message:new)", (r) => r.fanout.deliveriesPerSecond, "higher", 0],
  ["  to receivers on node 1 (the senders' node)", node(0, (n) => n.deliveriesPerSecond), "", 0],
  ["  to receivers on node 2 (through Redis)", node(1, (n) => n.deliveriesPerSecond), "", 0],
  ["latency p50, ms", (r) => r.fanout.latencyMs.p50, "lower", 2],
  ["latency p99, ms", (r) => r.fanout.latencyMs.p99, "lower", 2],
  ["latency p999, ms", (r) => r.fanout.latencyMs.p999, "lower", 2],
  ["latency max, ms", (r) => r.fanout.latencyMs.max, "lower", 2],
  ["  node 1 receivers p50 / p99, ms", node(0, (n) => n.latencyMs), "", 2],
  ["  node 2 receivers p50 / p99, ms", node(1, (n) => n.latencyMs), "", 2],
  ["server CPU, % of a core (all nodes, summed)", (r) => r.fanout.serverCpu, "", 0],
  ["Redis CPU, % of a core", (r) => r.fanout.redisCpu, "", 0],
  ["core 0 CPU per delivery, µs (servers + Redis)", (r) => cpuPerDeliveryUs(r.fanout), "lower", 2],
  ["generator CPU, % of core 1", (r) => r.fanout.generatorCpu, "", 0],
  ["other processes on core 0, %", (r) => r.fanout.otherOnServerCore, "", 0],
  ["other processes on core 1, %", (r) => r.fanout.otherOnGeneratorCore, "", 0],
  ["send errors (whole run)", (r) => r.fanout.errors, "lower", 0],
  ["deliveries missing after drain", (r) => r.fanout.missing, "lower", 0],
];
const GENERATOR_SATURATED = 90;
const OTHER_LOAD_NOTED = 10;

/** `runs`: the JSON objects fanout.js wrote, per server one with nodes 1 and one with nodes 2. */
export function printClusterReport(runs) {
  const pairs = [];
  for (const server of ["java", "node"]) {
    const one = runs.find((run) => run.server === server && run.nodes === 1);
    const two = runs.find((run) => run.server === server && run.nodes === 2);
    if (one && two) pairs.push({ server, one, two });
    else if (one || two) throw new Error(`cluster-report needs a one-node and a two-node run of ${server}`);
  }
  if (pairs[0]?.server !== "java") throw new Error("cluster-report needs the java runs");
  const p = pairs[0].one.params;
  for (const run of runs) {
    if (JSON.stringify(p) !== JSON.stringify(run.params)) throw new Error("the runs used different parameters");
  }
  const two = pairs[0].two;

  const out = [];
  out.push(
    `Cross-node fan-out: ${pairs.map((pair) => pair.server).join(" and ")} as one node and as two nodes over Redis, ` +
      "same run, same parameters",
  );
  out.push(
    `parameters: receivers R=${p.receivers}, senders S=${p.senders}, window W=${p.window} acks per sender, ` +
      `measured T=${p.seconds} s after ${p.warmup} s warmup; one room; socket.io-client 4.8.4, websocket transport`,
  );
  out.push(
    `two nodes: senders on node 1, receivers ${two.fanout.nodes.map((n) => n.receivers).join(" + ")} over ` +
      "nodes 1 and 2, so every delivery to node 2 crosses Redis pub/sub (one publish per message); " +
      "Java: realtime.cluster.mode=redis; Node peer: @socket.io/redis-adapter 8.3 (node-redis 4)",
  );
  out.push(
    "pinning: every node and redis-server on core 0 (taskset -c 0), the load generator on core 1 (taskset -c 1), " +
      "127.0.0.1 only",
  );
  out.push(
    "persistence: Java commits each message to the H2 file of node 1 before its ack and broadcast; " +
      "the Node peer keeps messages in memory",
  );
  out.push("CPU: utime + stime from /proc/PID/stat over the measured window, percent of one core");
  out.push("latency: send time in the text to the receiver's handler, both in the generator (its queueing included)");
  out.push("absolute figures drift on this shared, noisy machine: compare the two/one ratios");
  out.push("");

  const header = ["", ...pairs.flatMap(({ server }) => [`${server} 1 node`, `${server} 2 nodes`, "2/1"]), "better"];
  const table = [
    header,
    ...ROWS.map(([label, get, better, digits]) => [
      label,
      ...pairs.flatMap(({ one, two }) => cells(get(one), get(two), digits)),
      better,
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => cells[c].length)));
  for (const cells of table) {
    out.push(cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  }

  for (const run of runs) {
    const name = `${run.server} ${run.nodes === 1 ? "one-node" : "two-node"}`;
    const other = Math.max(run.fanout.otherOnServerCore, run.fanout.otherOnGeneratorCore);
    if (other >= OTHER_LOAD_NOTED) {
      out.push(
        `note: processes outside the benchmark took up to ${other.toFixed(0)}% of a pinned core during the ` +
          `${name} run: its figures understate what the servers do on a quiet core`,
      );
    }
    if (run.fanout.generatorCpu >= GENERATOR_SATURATED) {
      out.push(
        `note: the generator used ${run.fanout.generatorCpu.toFixed(0)}% of core 1 during the ${name} run: ` +
          "its delivery and latency figures are bounded by the generator, not only by the servers",
      );
    }
  }
  console.log(out.join("\n"));
}

function cpuPerDeliveryUs(fanout) {
  if (fanout.deliveriesPerSecond === 0) return null;
  return ((fanout.serverCpu + (fanout.redisCpu ?? 0)) * 10_000) / fanout.deliveriesPerSecond;
}

function cells(oneValue, twoValue, digits) {
  if (isLatency(oneValue) || isLatency(twoValue)) {
    return [p50p99(oneValue, digits), p50p99(twoValue, digits), "-"];
  }
  const ratio = oneValue == null || twoValue == null || oneValue === 0 ? "-" : (twoValue / oneValue).toFixed(2);
  return [format(oneValue, digits), format(twoValue, digits), ratio];
}

function isLatency(value) {
  return value != null && typeof value === "object";
}

function p50p99(latency, digits) {
  return latency == null ? "-" : `${format(latency.p50, digits)} / ${format(latency.p99, digits)}`;
}

function format(value, digits) {
  return value == null ? "-" : value.toFixed(digits);
}
