// The figure sections of BENCHMARKS.md: a summary with the Java/Node ratios, then one table per scenario, then
// the notes (generator-bound or disturbed figures, failures, the servers' logs).
const num = (value, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value)
    ? "-"
    : Number(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value) => (value === null || value === undefined ? "-" : num(value, value < 10 ? 2 : 1));
const lat = (l) => (l ? `${ms(l.p50)} / ${ms(l.p99)} / ${ms(l.max)}` : "-");

export function sections(runs, p, limits) {
  const flags = (row) =>
    [row.generatorBusy ? "**gen**" : "", row.shortOffered ? "**short**" : "", row.otherOnServerCore > limits.otherLoad || row.otherOnGeneratorCore > limits.otherLoad ? "**noisy**" : ""]
      .filter(Boolean)
      .join(" ");
  const table = (header, rows) => {
    p(`| ${header.join(" | ")} |`);
    p(`|${header.map(() => "---").join("|")}|`);
    for (const row of rows) p(`| ${row.join(" | ")} |`);
    p();
  };
  const eachRun = (scenario, write) => {
    for (const run of runs) {
      const part = run.result?.[scenario];
      p(`**${run.name}**${part ? "" : ": not measured (the scenario was not selected, or the run failed before it; see Notes)"}`);
      p();
      if (part) write(part, run);
    }
  };

  summary(runs, p, table);

  p("## connect");
  p();
  p("Two rounds of the same connections, each closed before the next: memory per idle connection is taken in the");
  p("first (the server never held them before), connections/s and CPU per connect in the second (a warm path).");
  p("For the JVM also the live heap after a full GC (`jcmd GC.heap_info`): steadier than its RSS, which keeps heap");
  p("the JVM grew to earlier and may shrink after a full GC. With few connections both are within noise.");
  p();
  eachRun("connect", (c, run) =>
    table(
      ["round", "connections (failed)", "connections/s", "connect p50 / p99 / max ms", "server CPU µs per connect", "RSS before → idle, MB", "KB per idle connection", "Java heap KB per idle connection", "server fds open", "generator CPU %", "flags"],
      [["1", c.first], ["2", c.second]].filter(([, r]) => r).map(([round, r]) => [
        round, `${num(r.connections)} (${num(r.failures)})`, num(r.perS), lat(r.latencyMs), num(r.serverUsPerConnect),
        `${num(r.rssBeforeKb / 1024, 1)} → ${num(r.rssIdleKb / 1024, 1)}`, num(r.kbPerConnection, 1), num(r.heapKbPerConnection, 1), num(r.fdsOpen), num(r.generatorCpu), flags(r),
      ]),
    ),
  );

  p("## fanout");
  p();
  p("Open loop: the senders (one per room) send at the offered rate whatever the acks; each step runs its time,");
  p("then waits for its acks and deliveries (at most the drain time). Achieved = deliveries of the step's messages");
  p("over the time until the last of them arrived. Lost = deliveries of sends not refused that had not arrived when");
  p("the drain ended (so very late ones count as lost too). The");
  p("sweep stops after the first step with p99 ≥ 50 ms, any loss, error or unanswered send, or a generator that sent");
  p("less than 90 % of the offered rate (**short**); the knee is the highest offered rate before it with p99 < 50 ms");
  p("and nothing lost. The generator's CPU per delivery falls as the rate rises (more frames per wake-up); the");
  p("**gen** flag, not that column, says where the generator may bound a figure. Messages per chat before: sent to");
  p("each room's chat earlier in this run (the Java server stores them all, the peer keeps its last 1,000), since a");
  p("send's cost may grow with its chat's history.");
  p();
  eachRun("fanout", (f) => {
    p(`${f.rooms} rooms of ${f.roomSize} sockets, ${f.rooms} senders, ${f.stepSeconds} s a step. **Knee: ${f.knee === null ? "none (the first step failed)" : num(f.knee) + " deliveries/s"}**`);
    p();
    table(
      ["offered deliveries/s", "messages per chat before", "sends/s", "achieved deliveries/s", "latency p50 / p99 / max ms", "lost", "send errors", "unanswered", "server µs per delivery", "server CPU %", "generator CPU %", "generator µs per delivery", "flags"],
      f.rows.map((r) => [num(r.offered), num(r.history), num(r.sendsPerS), num(r.achieved), lat(r.latencyMs), num(r.lost), errors(r), num(r.unanswered), num(r.serverUsPerDelivery, 1), num(r.serverCpu), num(r.generatorCpu), num(r.generatorUsPerDelivery, 1), flags(r)]),
    );
  });

  p("## cold first minute");
  p();
  p("The first load on a freshly started server (after registering the accounts and connecting the rooms' sockets,");
  p("which is load too): the fan-out at a fixed moderate rate, in slices by the time a message was sent. Then the");
  p("warm-up at the same rate, before everything else is measured.");
  p();
  eachRun("cold", (c, run) => {
    const rows = c.rows.map((r, i) => [`${i * c.sliceSeconds}-${(i + 1) * c.sliceSeconds} s`, num(r.offered), num(r.history), num(r.achieved), lat(r.latencyMs), num(r.lost), errors(r), num(r.serverCpu), num(r.serverUsPerDelivery, 1), flags(r)]);
    const w = run.result.warmup;
    if (w) rows.push([`warm-up (${num(run.result.options.warmupSeconds)} s)`, num(w.offered), num(w.history), num(w.achieved), lat(w.latencyMs), num(w.lost), errors(w), num(w.serverCpu), num(w.serverUsPerDelivery, 1), flags(w)]);
    table(["slice", "offered deliveries/s", "messages per chat before", "achieved", "latency p50 / p99 / max ms", "lost", "send errors", "server CPU %", "server µs per delivery", "flags"], rows);
  });

  p("## acks");
  p();
  p("Closed loop: a fixed number of `message:send` in flight, spread over the sender sockets of one chat with a few");
  p("more receivers; each ack sends the next. Java queues a socket's sends in order and does not wait for one's commit before the next.");
  p();
  eachRun("acks", (a) => {
    p(`${a.senders} sender sockets, ${a.receivers} receivers, ${a.seconds} s each.`);
    p();
    table(
      ["in flight", "messages in the chat before", "acks/s", "ack latency p50 / p99 / max ms", "send errors", "unanswered", "server µs per ack", "server CPU %", "generator CPU %", "flags"],
      a.rows.map((r) => [num(r.inFlight), num(r.history), num(r.acksPerS), lat(r.latencyMs), errors(r), num(r.unanswered), num(r.serverUsPerAck), num(r.serverCpu), num(r.generatorCpu), flags(r)]),
    );
  });

  p("## soak");
  p();
  eachRun("soak", (s) => {
    p(`${num(s.idleConnections)} idle connections (${num(s.connectFailures)} failed to connect) plus the fan-out at ${num(s.rate)} deliveries/s, ${num(s.minutes, 2)} min, sampled ${s.samples.length} times.`);
    p();
    const heap = s.heapFirstKb === null ? "not measured" : `${num(s.heapFirstKb / 1024, 1)} → ${num(s.heapLastKb / 1024, 1)} MB`;
    table(
      ["RSS first / last / max MB", "RSS growth", "fds first / last / max", "heap after full GC, start → end", "load latency p50 / p99 / max ms", "lost", "send errors", "verdict"],
      [[
        s.rss ? `${num(s.rss.first / 1024, 1)} / ${num(s.rss.last / 1024, 1)} / ${num(s.rss.max / 1024, 1)}` : "-",
        s.rss ? `${num(s.rss.growthPercent, 1)} %` : "-",
        s.fds ? `${num(s.fds.first)} / ${num(s.fds.last)} / ${num(s.fds.max)}` : "-",
        heap, lat(s.latencyMs), num(s.lost), errors(s), verdict(s),
      ]],
    );
  });

  notes(runs, p, limits, flags);
}

function summary(runs, p, table) {
  p("## Summary");
  p();
  const node = runs.find((r) => r.label === "node")?.result;
  const javas = runs.filter((r) => r.label !== "node");
  const figures = [
    ["connections/s (round 2)", (r) => r.connect?.second?.perS, 0],
    ["server CPU per connect, µs (round 2)", (r) => r.connect?.second?.serverUsPerConnect, 0],
    ["KB of RSS per idle connection (round 1)", (r) => r.connect?.first?.kbPerConnection, 1],
    ["KB of live Java heap per idle connection (round 1)", (r) => r.connect?.first?.heapKbPerConnection, 1],
    ["fan-out knee, deliveries/s", (r) => r.fanout?.knee, 0],
    ["server µs per delivery at the knee", (r) => r.fanout?.rows.find((x) => x.offered === r.fanout.knee)?.serverUsPerDelivery, 1],
    ...[1, 10, 50, 100].flatMap((n) => [
      [`acks/s, ${n} in flight`, (r) => r.acks?.rows.find((x) => x.inFlight === n)?.acksPerS, 0],
      [`ack p99 ms, ${n} in flight`, (r) => r.acks?.rows.find((x) => x.inFlight === n)?.latencyMs.p99, 1],
    ]),
    ["cold: p99 ms of the first slice", (r) => r.cold?.rows[0]?.latencyMs.p99, 1],
    ["soak: RSS growth % (no ratio: a growth near 0 divides badly)", (r) => r.soak?.rss?.growthPercent, 1, false],
  ];
  const header = ["", ...runs.map((r) => r.name), ...(node ? javas.map((r) => `${r.name} / Node`) : [])];
  const rows = figures
    .map(([title, get, digits, hasRatio = true]) => {
      const values = runs.map((r) => (r.result ? get(r.result) : undefined));
      const nodeValue = node && hasRatio ? get(node) : undefined;
      const ratios = node ? javas.map((r) => ratio(r.result ? get(r.result) : undefined, nodeValue)) : [];
      return values.every((v) => v === undefined || v === null) ? null : [title, ...values.map((v) => num(v, digits)), ...ratios];
    })
    .filter(Boolean);
  table(header, rows);
  p("Ratios are Java / Node of the figure as it stands: above 1 is better for rates, worse for CPU, memory and");
  p("latency. The Java server commits every message to its database before the ack; the peer keeps them in memory.");
  p();
}

function ratio(a, b) {
  return typeof a === "number" && typeof b === "number" && b !== 0 ? num(a / b, 2) : "-";
}

function errors(row) {
  return row.sendErrors ? `${num(row.sendErrors)} (${row.firstError})` : "0";
}

function verdict(s) {
  if (!s.rss || !s.fds) return "no samples";
  const fdsFlat = s.fds.last - s.fds.first <= Math.max(5, 0.01 * s.fds.first);
  const rssFlat = Math.abs(s.rss.growthPercent) < 5;
  return `RSS ${rssFlat ? "flat (< 5 %)" : "not flat"}, fds ${fdsFlat ? "flat" : "grew"}`;
}

function notes(runs, p, limits, flags) {
  p("## Notes");
  p();
  for (const run of runs) {
    const r = run.result;
    const flagged = [
      ...(r?.cold?.rows ?? []).map((x, i) => [`cold slice ${i + 1}`, x]),
      ...(r?.fanout?.rows ?? []).map((x) => [`fanout ${num(x.offered)}/s`, x]),
      ...(r?.acks?.rows ?? []).map((x) => [`acks ${x.inFlight} in flight`, x]),
      ...["first", "second"].map((k) => [`connect round ${k === "first" ? 1 : 2}`, r?.connect?.[k]]),
    ].filter(([, x]) => x && flags(x));
    const lines = [
      ...flagged.map(([what, x]) => `${what}: ${flags(x)} (generator ${num(x.generatorCpu)}% of core 1; others ${num(x.otherOnServerCore)}% of core 0${x.otherOnGeneratorCore === undefined ? "" : `, ${num(x.otherOnGeneratorCore)}% of core 1`})`),
      ...(r?.notes ?? []),
      ...(r?.failures ?? []).map((f) => `FAILED: ${f.split("\n")[0]}`),
      ...(run.failed ? run.failed.trim().split("\n") : []),
      logSummary(run.log),
      rateLimited(r),
    ].filter(Boolean);
    if (r?.setup && r.kind === "node") lines.unshift(`setup: ${num(r.setup.users)} tokens minted, the rooms' sockets connected and joined in ${num(r.setup.roomSocketsS, 1)} s`);
    else if (r?.setup) lines.unshift(`setup: ${num(r.setup.users)} accounts registered in ${num((r.setup.roomUsersS ?? 0) + (r.setup.connectUsersS ?? 0), 1)} s, the rooms' sockets connected and joined in ${num(r.setup.roomSocketsS, 1)} s`);
    p(`**${run.name}**`);
    p();
    for (const line of lines) p(`- ${line}`);
    p();
  }
}

/** Why the Java server answers RATE_LIMITED under load, if it did. */
function rateLimited(r) {
  const rows = [...(r?.cold?.rows ?? []), ...(r?.fanout?.rows ?? []), ...(r?.acks?.rows ?? []), r?.warmup, r?.soak].filter(Boolean);
  if (!rows.some((x) => x.firstError === "RATE_LIMITED" || x.sendErrors > 0 && r.kind === "java")) return null;
  return "send errors RATE_LIMITED on the Java server: a socket may have `realtime.gateway.pending-per-socket` (64) events waiting and a writer `realtime.persistence.waiting-per-writer` (2000) sends; an open-loop sender whose acks lag by more than that is refused, and the run counts the refusals instead of raising the limits";
}

/**
 * How many ERROR and WARN lines the server logged while measured and while shutting down (apart: closing thousands
 * of connections at shutdown is not load), and the first few distinct ones.
 */
function logSummary(log) {
  if (log === null) return "no server log";
  const lines = log.split("\n");
  const shutdown = lines.findIndex((l) => l.includes("Commencing graceful shutdown"));
  const part = (from, to, when) => {
    const found = lines.slice(from, to).filter((l) => / (ERROR|WARN) /.test(l));
    if (found.length === 0) return `server log ${when}: no ERROR or WARN lines`;
    const exceptions = lines.slice(from, to).filter((l) => /^[\w.$]+(Exception|Error): /.test(l));
    const distinct = [...new Set([...found, ...exceptions].map((l) =>
      l.replace(/^\S+\s+\S+\s+\d+ --- (\[[^\]]*\]\s*)+/, "").replace(/(\/0x|@)[0-9a-f]+/g, "").slice(0, 220)))].slice(0, 4);
    return `server log ${when}: ${found.length} ERROR/WARN lines, e.g. ${distinct.map((l) => "`" + l.replaceAll("`", "'") + "`").join("; ")}`;
  };
  if (shutdown < 0) return part(0, lines.length, "(no shutdown logged)");
  return [part(0, shutdown, "until shutdown"), part(shutdown, lines.length, "during shutdown")].join("\n- ");
}
