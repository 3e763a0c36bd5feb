// HAProxy in front of our two nodes, started by the load-balancer test itself, and a way to ask the nodes which
// of them holds an Engine.IO session. Lives outside test/ so that `node --test` does not run it as a test file.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { Agent, get } from "node:http";
import { connect, createServer } from "node:net";
import { APP_URL } from "./rest.js";

export const APP2_URL = process.env.E2E_APP2_URL ?? "http://localhost:3401";

/** The nodes in the order the HAProxy configurations name them: node1, node2. */
export const NODE_URLS = [APP_URL, APP2_URL];

const HAPROXY = process.env.E2E_HAPROXY ?? "haproxy";
/** Where HAProxy's request log and errors go; run.sh prints it when the suite fails. */
const HAPROXY_LOG = process.env.E2E_HAPROXY_LOG;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/** A port nothing listens on right now, for HAProxy's frontend; the OS picks it so parallel runs never collide. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts `haproxy -f config -db` with its frontend on a free port of 127.0.0.1 and the two nodes as its servers.
 * Resolves once the frontend accepts connections, with `{ url, stop }`; rejects when HAProxy cannot be started or
 * exits first: a missing haproxy fails the test, it never skips it.
 */
export async function startHaproxy(config) {
  const port = await freePort();
  const env = {
    ...process.env,
    REALTIME_LB_BIND: `127.0.0.1:${port}`,
    REALTIME_NODE1: new URL(NODE_URLS[0]).host,
    REALTIME_NODE2: new URL(NODE_URLS[1]).host,
  };
  const child = spawn(HAPROXY, ["-f", config, "-db"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const log = HAPROXY_LOG ? createWriteStream(HAPROXY_LOG, { flags: "a" }) : null;
  log?.write(`---- ${HAPROXY} -f ${config} on port ${port}\n`);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      // Only the start is kept for the error message; the log file gets everything.
      if (output.length < 4_000) output += chunk;
      log?.write(chunk);
    });
  }
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const failed = new Promise((_, reject) => {
    child.once("error", (error) =>
      reject(new Error(`cannot run ${HAPROXY} (install it: apt-get install -y haproxy): ${error.message}`)));
    exited.then(({ code, signal }) =>
      reject(new Error(`${HAPROXY} exited (${code ?? signal}) before its port answered:\n${output}`)));
  });
  // Once the frontend answers, a later exit is reported by the tests that then fail to connect, not here.
  failed.catch(() => {});

  const stop = async () => {
    // No pid: it never started (and never emits exit).
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    log?.end();
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    while (!(await Promise.race([portAnswers(port), failed]))) {
      if (Date.now() > deadline) {
        throw new Error(`${HAPROXY} did not listen on port ${port} within ${START_TIMEOUT_MS} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}

/**
 * The index (0 or 1) of the node that holds this Engine.IO session, asked of each node directly, past HAProxy.
 * A PUT is refused by every node, but only one that does not hold the session refuses it as "Session ID unknown";
 * the holder refuses it as a bad request and leaves the session as it was, whatever its transport.
 */
export async function nodeHolding(sid) {
  const answers = await Promise.all(NODE_URLS.map(async (url) => {
    const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`, { method: "PUT" });
    return (await response.json()).code;
  }));
  const UNKNOWN_SID = 1;
  const holders = answers.flatMap((code, index) => (code === UNKNOWN_SID ? [] : [index]));
  assert.equal(holders.length, 1, `session ${sid}: the nodes answered codes ${answers}, expected one holder`);
  return holders[0];
}

/**
 * An HTTP agent for the official client whose every new connection comes from the next of these local addresses
 * (loopback ones: 127.0.0.2, ...), as a client behind a pool of NAT addresses or a phone changing networks would.
 * Without keep-alive, every polling request opens a new connection.
 */
export function alternatingSourceAgent(addresses) {
  let next = 0;
  const agent = new Agent({ keepAlive: false });
  const createConnection = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const localAddress = addresses[next++ % addresses.length];
    return createConnection({ ...options, localAddress }, callback);
  };
  return agent;
}

/**
 * A raw Engine.IO handshake (GET, polling) sent from this local address: resolves with the session's id and the
 * value of the cookie `name` that the response sets, null when it sets none.
 */
export function handshakeFrom(baseUrl, localAddress, name) {
  const url = new URL("/socket.io/?EIO=4&transport=polling", baseUrl);
  return new Promise((resolve, reject) => {
    get(url, { localAddress, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => {
        assert.equal(response.statusCode, 200, `handshake from ${localAddress} answered ${response.statusCode}: ${body}`);
        assert.ok(body.startsWith("0"), `not an open packet: ${body}`);
        const cookie = (response.headers["set-cookie"] ?? [])
          .map((line) => line.split(";")[0].split("="))
          .find(([key]) => key === name);
        resolve({ sid: JSON.parse(body.slice(1)).sid, cookie: cookie ? cookie[1] : null });
      });
    }).once("error", reject);
  });
}

/** Closes a session opened by `handshakeFrom` (a close packet), sent to the node that holds it. */
export async function closeSession(sid) {
  const url = NODE_URLS[await nodeHolding(sid)];
  await fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`, { method: "POST", body: "1" });
}
