// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot run here).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const BASE_URL = process.env.E2E_WEB_URL;
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? join(process.cwd(), "../../target/browser-screenshots");
const EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Waiting locators give up after this: long enough for a reconnect (socket.io backs off up to 5 s) on a busy machine.
export const TIMEOUT = 20000;

/**
 * Without the background-networking flags Chromium keeps calling hosts this machine cannot reach. Playwright
 * gives each launch a fresh, empty profile directory of its own.
 */
export async function launch() {
  if (!BASE_URL) throw new Error("E2E_WEB_URL is not set: run e2e/browser/run.sh, which starts the server");
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A browser context of its own (cookies, localStorage) for one user, whose Socket.IO WebSockets pass through
 * Playwright so that the test can cut them: goOffline() drops the network and closes them, as a lost connection
 * would; goOnline() lets the client reconnect.
 */
export async function userPage(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  context.setDefaultTimeout(TIMEOUT);
  const sockets = [];
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    sockets.push({ page: ws, server: ws.connectToServer() });
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${name}] page error:`, error));
  await page.goto(BASE_URL);
  return {
    name,
    page,
    context,
    async goOffline() {
      await context.setOffline(true);
      for (const socket of sockets.splice(0)) {
        await socket.page.close();
        await socket.server.close();
      }
    },
    async goOnline() {
      await context.setOffline(false);
    },
    async screenshot(step) {
      await page.screenshot({ path: join(SCREENSHOTS, `${step}-${name}.png`), fullPage: true });
    },
  };
}
