// Preloaded into the unmodified Node peer (node -r redis-adapter.cjs server.js) by bench/cluster-fanout.sh: the
// socket.io Server the peer creates gets @socket.io/redis-adapter instead of the in-memory default, so two peers
// sharing one Redis form a cluster like our two nodes do. Modules resolve from the peer's own directory, so the
// Server patched here is the one the peer uses. Environment: BENCH_REDIS_URL, BENCH_ADAPTER_KEY.
"use strict";
const path = require("node:path");

const fromPeer = (name) => require(require.resolve(name, { paths: [path.dirname(process.argv[1])] }));
const { Server } = fromPeer("socket.io");
const { createAdapter } = fromPeer("@socket.io/redis-adapter");
const { createClient } = fromPeer("redis");

const url = process.env.BENCH_REDIS_URL;
const key = process.env.BENCH_ADAPTER_KEY;
if (!url || !key) throw new Error("redis-adapter.cjs: BENCH_REDIS_URL and BENCH_ADAPTER_KEY are required");

const pub = createClient({ url });
const sub = pub.duplicate();
for (const client of [pub, sub]) {
  client.on("error", (error) => console.error(`redis-adapter.cjs: ${error.message}`));
  // Commands sent before the connection is up wait in the client's queue; the health check is answered only
  // after the server listens, and the generator's warmup comes after that.
  client.connect();
}

// The Server constructor sets its adapter through this method; only that first call is replaced.
const setAdapter = Server.prototype.adapter;
Server.prototype.adapter = function (adapter) {
  if (arguments.length === 0) return setAdapter.call(this);
  Server.prototype.adapter = setAdapter;
  return setAdapter.call(this, createAdapter(pub, sub, { key }));
};
