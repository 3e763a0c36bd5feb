// Copies the browser build of the official socket.io-client from node_modules (the version pinned in
// package-lock.json) into the server's static files, where it is committed: the Maven build must not run npm, and
// no WebJar of socket.io-client is served by the registries this project builds from.
// Run after changing the version: npm install && npm run vendor. vendor.test.js fails while they differ.
import { copyFileSync, mkdirSync } from "node:fs";
import { vendored, VENDOR_DIR } from "./vendored.js";

mkdirSync(VENDOR_DIR, { recursive: true });
for (const { from, to } of vendored) {
  copyFileSync(from, to);
  console.log(`vendor: ${from} -> ${to}`);
}
