// Two people in two browser contexts use the web client served at / : they register, start a chat, exchange
// messages, see each other typing, online and reading; one loses the connection and, back online, finds what it
// missed, once. Every assertion is on what the page shows; every wait is a waiting locator, never a sleep.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { BASE_URL, launch, userPage } from "../support/browser.js";

const run = randomBytes(3).toString("hex");
const PASSWORD = "correct horse battery";
let browser;
let alice;
let bob;

const messageText = (user, text) => user.page.locator(".message .text", { hasText: text });
const ownMessage = (user, text) => user.page.locator(".message.mine", { hasText: text });
const chatItem = (user, title) => user.page.locator(".chat-item", { hasText: title });

// Each step builds on the one before: after a failure the rest are skipped rather than failing in its wake.
let broken = false;
// A step that hangs (a server that stopped answering) fails after STEP_TIMEOUT instead of holding up CI.
const STEP_TIMEOUT = 90000;
const step = (name, fn) => it(name, { timeout: STEP_TIMEOUT }, async (t) => {
  if (broken) return t.skip("an earlier step failed");
  try {
    await fn();
  } catch (e) {
    broken = true;
    throw e;
  }
});

async function register(user) {
  await user.page.getByLabel("Username", { exact: true }).fill(user.username);
  await user.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await user.page.getByRole("button", { name: "Register" }).click();
  await user.page.locator("#me", { hasText: user.username }).waitFor();
  await user.page.locator("#connection", { hasText: "Connected" }).waitFor();
}

async function send(user, text) {
  await user.page.getByLabel("Message", { exact: true }).fill(text);
  await user.page.getByLabel("Message", { exact: true }).press("Enter");
  await ownMessage(user, text).waitFor();
}

describe("the web chat in two browsers", () => {
  before(async () => {
    browser = await launch();
    alice = await userPage(browser, "alice");
    bob = await userPage(browser, "bob");
    alice.username = `alice_${run}`;
    bob.username = `bob_${run}`;
  });

  afterEach(async (t) => {
    const step = (t?.name ?? "step").replace(/\W+/g, "-").slice(0, 60);
    await Promise.all([alice, bob].filter(Boolean).map((user) => user.screenshot(step)));
  });

  after(async () => {
    await browser?.close();
  });

  step("01 both register and are connected", async () => {
    await register(alice);
    await register(bob);
  });

  step("02 alice starts a direct chat by username; bob's list shows it live, with alice online", async () => {
    await alice.page.getByLabel("Usernames").fill(bob.username);
    await alice.page.getByRole("button", { name: "Start chat" }).click();
    await alice.page.locator("#chat-title", { hasText: bob.username }).waitFor();
    await alice.page.locator("#chat-presence", { hasText: /^online$/ }).waitFor();

    await chatItem(bob, alice.username).waitFor();
    await bob.page.getByRole("button", { name: `${alice.username}, online`, exact: true }).waitFor();
  });

  step("03 alice's message shows as unread for bob until he opens the chat, then as read for alice", async () => {
    await send(alice, "Hello Bob");
    await ownMessage(alice, "Hello Bob").locator(".receipt", { hasText: /^Delivered$/ }).waitFor();
    await chatItem(bob, alice.username).locator(".unread", { hasText: /^1$/ }).waitFor();
    await bob.page.getByRole("button", { name: `${alice.username}, online, 1 unread`, exact: true }).waitFor();

    await chatItem(bob, alice.username).click();
    await messageText(bob, "Hello Bob").waitFor();
    await ownMessage(alice, "Hello Bob").locator(".receipt", { hasText: /^Read$/ }).waitFor();
    assert.equal(await chatItem(bob, alice.username).locator(".unread").count(), 0);
  });

  step("04 each sees the other typing, and the reply", async () => {
    await bob.page.getByLabel("Message", { exact: true }).pressSequentially("Hi Al");
    await alice.page.locator("#typing", { hasText: `${bob.username} is typing…` }).waitFor();
    await bob.page.getByLabel("Message", { exact: true }).press("Enter");
    await messageText(alice, "Hi Al").waitFor();
    await alice.page.locator("#typing", { hasText: /^$/ }).waitFor();

    await alice.page.getByLabel("Message", { exact: true }).pressSequentially("How");
    await bob.page.locator("#typing", { hasText: `${alice.username} is typing…` }).waitFor();
    await alice.page.getByLabel("Message", { exact: true }).fill("");
    await bob.page.locator("#typing", { hasText: /^$/ }).waitFor();
  });

  step("05 alice edits and deletes her own messages; bob sees both", async () => {
    await send(alice, "Typo mesage");
    await messageText(bob, "Typo mesage").waitFor();
    await ownMessage(alice, "Typo mesage").getByRole("button", { name: /^Edit/ }).click();
    await alice.page.getByLabel("Edit message", { exact: true }).fill("Fixed message");
    await alice.page.getByLabel("Edit message", { exact: true }).press("Enter");
    await messageText(bob, "Fixed message").waitFor();
    await bob.page.locator(".message", { hasText: "Fixed message" }).locator(".meta", { hasText: "edited" }).waitFor();

    await send(alice, "Regrettable");
    await messageText(bob, "Regrettable").waitFor();
    await ownMessage(alice, "Regrettable").getByRole("button", { name: /^Delete/ }).click();
    await messageText(bob, "Message deleted").waitFor();
    assert.equal(await messageText(bob, "Regrettable").count(), 0);
    assert.equal(await bob.page.locator(".message.mine").count(), 1, "bob can edit and delete only his own");
  });

  step("06 history pages upward from the newest messages", async () => {
    const token = await alice.page.evaluate(() => JSON.parse(sessionStorage.getItem("realtime.session")).token);
    const chatId = await alice.page.locator(".chat-item[aria-current=true]").getAttribute("data-chat-id");
    for (let i = 1; i <= 35; i++) {
      const response = await fetch(`${BASE_URL}/api/chats/${chatId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: `bulk ${String(i).padStart(2, "0")}` }),
        signal: AbortSignal.timeout(10000),
      });
      assert.equal(response.status, 201);
    }
    await messageText(bob, "bulk 35").waitFor();

    await bob.page.reload();
    await chatItem(bob, alice.username).click();
    await messageText(bob, "bulk 35").waitFor();
    assert.equal(await messageText(bob, "Hello Bob").count(), 0, "only the newest page is loaded at first");
    await bob.page.getByRole("button", { name: "Load older messages" }).click();
    await messageText(bob, "Hello Bob").waitFor();
    await bob.page.getByRole("button", { name: "Load older messages" }).waitFor({ state: "hidden" });
  });

  step("07 bob goes offline: his page says so, alice sees him last seen, and her messages wait", async () => {
    await bob.goOffline();
    await bob.page.locator("#connection[data-state=offline]").waitFor();
    await alice.page.locator("#chat-presence", { hasText: /^last seen/ }).waitFor();

    await send(alice, "While you were away 1");
    await send(alice, "While you were away 2");
    await ownMessage(alice, "While you were away 2").locator(".receipt", { hasText: /^Sent$/ }).waitFor();
  });

  step("08 bob comes back and catches up once: missed messages appear, none twice, and alice sees them read", async () => {
    await bob.goOnline();
    await bob.page.locator("#connection", { hasText: "Connected" }).waitFor();
    await messageText(bob, "While you were away 1").waitFor();
    await messageText(bob, "While you were away 2").waitFor();
    await alice.page.locator("#chat-presence", { hasText: /^online$/ }).waitFor();
    await ownMessage(alice, "While you were away 2").locator(".receipt", { hasText: /^Read$/ }).waitFor();

    // A marker sent after the catch-up: once it is shown, a duplicate of the earlier ones would be too.
    await send(alice, "Marker");
    await messageText(bob, "Marker").waitFor();
    assert.equal(await messageText(bob, "While you were away 1").count(), 1);
    assert.equal(await messageText(bob, "While you were away 2").count(), 1);
  });

  step("09 a group started by usernames appears for its members under its title", async () => {
    await alice.page.getByLabel("Group", { exact: true }).check();
    await alice.page.getByLabel("Usernames").fill(`${bob.username}, ${alice.username}`);
    await alice.page.getByLabel("Group title").fill(`Team ${run}`);
    await alice.page.getByRole("button", { name: "Start chat" }).click();
    await alice.page.locator("#chat-title", { hasText: `Team ${run}` }).waitFor();
    await alice.page.locator("#chat-presence", { hasText: "2 members, 1 online" }).waitFor();

    await chatItem(bob, `Team ${run}`).waitFor();
  });
});
