// The web client's plain rules (src/main/resources/static/js/state.js), without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  applyStatus, knownSeq, markDeleted, mergeMessages, parseUsernames, presenceText, receipt, sortChats, typingText,
  unreadCount,
} from "../../../src/main/resources/static/js/state.js";

const chat = (lastSeq, members) => ({ id: "c1", lastSeq, members });
const message = (seq, text = `m${seq}`) => ({ id: `id${seq}`, seq, text, senderId: "me" });

test("unreadCount_readPositionBehind_countsTheSeqsAfterIt", () => {
  assert.equal(unreadCount(chat(7, [{ userId: "me", lastReadSeq: 4 }]), "me"), 3);
});

test("unreadCount_noReadPositionYet_countsEveryMessage", () => {
  assert.equal(unreadCount(chat(2, [{ userId: "other", lastReadSeq: 2 }]), "me"), 2);
});

test("unreadCount_readPositionAhead_isZeroNotNegative", () => {
  assert.equal(unreadCount(chat(3, [{ userId: "me", lastReadSeq: 5 }]), "me"), 0);
});

test("mergeMessages_sameSeqLiveAndInCatchUp_keepsOneInSeqOrder", () => {
  const live = [message(5), message(6)];
  const catchUp = [message(4), message(5), message(6), message(7)];

  const merged = mergeMessages(live, catchUp);

  assert.deepEqual(merged.map((m) => m.seq), [4, 5, 6, 7]);
});

test("mergeMessages_laterCopyOfASeq_wins (an edit)", () => {
  const merged = mergeMessages([message(1, "before")], [{ ...message(1, "after"), editedAt: "t" }]);

  assert.equal(merged.length, 1);
  assert.equal(merged[0].text, "after");
});

test("markDeleted_matchingSeqAndId_clearsTheTextOnly", () => {
  const list = markDeleted([message(1), message(2)], { seq: 2, messageId: "id2" }, "t");

  assert.equal(list[0].text, "m1");
  assert.equal(list[1].text, null);
  assert.equal(list[1].deletedAt, "t");
});

test("knownSeq_loadedChat_startsAfterTheLastLoadedMessageEvenWhenTheChatCountsMore", () => {
  assert.equal(knownSeq({ lastSeq: 9 }, [message(2), message(5)]), 5);
  assert.equal(knownSeq({ lastSeq: 9 }, []), 0);
});

test("knownSeq_unloadedChat_startsAfterItsLastSeq", () => {
  assert.equal(knownSeq({ lastSeq: 9 }, undefined), 9);
});

test("sortChats_newestActivityFirst_thenById", () => {
  const sorted = sortChats([
    { id: "b", lastActivityAt: "2026-01-01T00:00:00Z" },
    { id: "c", lastActivityAt: "2026-02-01T00:00:00Z" },
    { id: "a", lastActivityAt: "2026-01-01T00:00:00Z" },
  ]);

  assert.deepEqual(sorted.map((c) => c.id), ["c", "a", "b"]);
});

test("applyStatus_olderSeq_movesNothing", () => {
  const before = chat(5, [{ userId: "u", lastReadSeq: 4, lastDeliveredSeq: 4 }]);

  const after = applyStatus(before, { userId: "u", status: "read", seq: 3 });

  assert.deepEqual(after.members, before.members);
});

test("applyStatus_read_impliesDelivered", () => {
  const after = applyStatus(chat(5, [{ userId: "u", lastReadSeq: 0, lastDeliveredSeq: 0 }]),
    { userId: "u", status: "read", seq: 5 });

  assert.deepEqual(after.members[0], { userId: "u", lastReadSeq: 5, lastDeliveredSeq: 5 });
});

test("receipt_byOtherMembersPositions_sentDeliveredReadByNRead", () => {
  const members = (a, b) => [{ userId: "me" }, { userId: "x", ...a }, { userId: "y", ...b }];
  const m = message(3);

  assert.equal(receipt(m, chat(3, members({}, {})), "me"), "Sent");
  assert.equal(receipt(m, chat(3, members({ lastDeliveredSeq: 3 }, {})), "me"), "Delivered");
  assert.equal(receipt(m, chat(3, members({ lastReadSeq: 3 }, {})), "me"), "Read by 1");
  assert.equal(receipt(m, chat(3, members({ lastReadSeq: 4 }, { lastReadSeq: 3 })), "me"), "Read");
});

test("presenceText_offlineWithLastSeen_saysHowLongAgo", () => {
  const now = new Date("2026-11-30T12:00:00Z");

  assert.equal(presenceText({ status: "online" }, now), "online");
  assert.equal(presenceText({ status: "offline", lastSeenAt: "2026-11-30T11:59:40Z" }, now), "last seen just now");
  assert.equal(presenceText({ status: "offline", lastSeenAt: "2026-11-30T11:55:00Z" }, now), "last seen 5 min ago");
});

test("typingText_oneTwoMany", () => {
  assert.equal(typingText([]), "");
  assert.equal(typingText(["bob"]), "bob is typing…");
  assert.equal(typingText(["bob", "carol"]), "bob and carol are typing…");
  assert.equal(typingText(["a", "b", "c"]), "3 people are typing…");
});

test("parseUsernames_commasAndSpaces_withoutRepeatsIgnoringCase", () => {
  assert.deepEqual(parseUsernames(" bob, carol  Bob,,dave "), ["bob", "carol", "dave"]);
});
