// The files vendor.js copies and vendor.test.js compares: one list for both.
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));
export const VENDOR_DIR = join(here, "../../src/main/resources/static/vendor");
const dist = join(here, "node_modules/socket.io-client/dist");

export const vendored = ["socket.io.esm.min.js", "socket.io.esm.min.js.map"].map((name) => ({
  from: join(dist, name),
  to: join(VENDOR_DIR, name),
}));
