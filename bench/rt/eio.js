// A Socket.IO v5 client over one WebSocket (Engine.IO v4, no polling, no binary packets): only what the benchmark
// needs. The official socket.io-client decodes every packet into objects and saturated the generator's core at
// about 160k deliveries/s; here an event reaches its handler as the raw frame, undecoded, so a receiver can read
// the one number it needs from the bytes.
import WebSocket from "ws";

const CONNECT_TIMEOUT_MS = 20_000;
const EIO_OPEN = 0x30; // '0'
const EIO_PING = 0x32; // '2'
const EIO_MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30; // '0'
const SIO_EVENT = 0x32; // '2'
const SIO_ACK = 0x33; // '3'
const SIO_CONNECT_ERROR = 0x34; // '4'

export class Socket {
  constructor(ws) {
    this.ws = ws;
    this.nextAckId = 0;
    this.acks = new Map(); // ack id -> callback(payload)
    /** Called with the raw frame (a Buffer starting with `42`) of every event the server emits. */
    this.onEvent = () => {};
    this.closed = false;
    ws.on("close", () => {
      this.closed = true;
    });
  }

  emit(event, data) {
    this.ws.send("42" + JSON.stringify([event, data]));
  }

  /** Emits with an ack id; `callback` gets the ack's first argument, decoded. */
  emitWithAck(event, data, callback) {
    const id = this.nextAckId++;
    this.acks.set(id, callback);
    this.ws.send("42" + id + JSON.stringify([event, data]));
  }

  /** emitWithAck as a promise that fails after `timeoutMs`, for setup steps. */
  request(event, data, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack to ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.emitWithAck(event, data, (payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
  }

  /** Acks sent and not answered yet. */
  get pendingAcks() {
    return this.acks.size;
  }

  close() {
    this.ws.terminate();
  }

  handle(frame) {
    if (frame[0] === EIO_PING) {
      this.ws.send("3");
    } else if (frame[0] === EIO_MESSAGE && frame[1] === SIO_EVENT) {
      this.onEvent(frame);
    } else if (frame[0] === EIO_MESSAGE && frame[1] === SIO_ACK) {
      this.handleAck(frame.toString("utf8", 2));
    }
  }

  handleAck(text) {
    const bracket = text.indexOf("[");
    const id = Number(text.slice(0, bracket));
    const callback = this.acks.get(id);
    if (callback === undefined) return;
    this.acks.delete(id);
    callback(JSON.parse(text.slice(bracket))[0]);
  }
}

/**
 * Opens ws://127.0.0.1:PORT/socket.io/ straight over WebSocket and connects namespace "/" with `auth: {token}`.
 * Resolves with the Socket once the server answered `40{"sid":...}`; rejects on connect_error, a close, or after
 * CONNECT_TIMEOUT_MS.
 */
export function connect(port, token) {
  return new Promise((resolve, reject) => {
    // No compression, as the servers' defaults for WebSocket; no UTF-8 check of frames we mostly do not decode.
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    const socket = new Socket(ws);
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no connect within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    ws.on("error", fail);
    ws.on("close", (code) => fail(new Error(`closed (${code}) before connect`)));
    ws.on("message", (frame) => {
      if (settled) {
        socket.handle(frame);
      } else if (frame[0] === EIO_OPEN) {
        ws.send("40" + JSON.stringify({ token }));
      } else if (frame[0] === EIO_MESSAGE && frame[1] === SIO_CONNECT) {
        settled = true;
        clearTimeout(timer);
        resolve(socket);
      } else if (frame[0] === EIO_MESSAGE && frame[1] === SIO_CONNECT_ERROR) {
        fail(new Error(`connect_error ${frame.toString("utf8", 2, 300)}`));
      } else if (frame[0] === EIO_PING) {
        ws.send("3");
      }
    });
  });
}
