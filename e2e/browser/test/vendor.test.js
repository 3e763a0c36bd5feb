// The socket.io-client committed under src/main/resources/static/vendor is the one package-lock.json pins:
// after a version change, `npm run vendor` must be run and its result committed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { vendored } from "../vendored.js";

for (const { from, to } of vendored) {
  test(`vendored_${to.split("/").pop()}_isTheLockedPackagesFile`, () => {
    assert.ok(readFileSync(from).equals(readFileSync(to)), `${to} differs from ${from}: run npm run vendor`);
  });
}
