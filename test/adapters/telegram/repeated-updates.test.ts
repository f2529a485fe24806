import { afterEach, describe, expect, it } from "vitest";
import { commandUpdate, contactUpdate } from "../../../src/testing/index.js";
import { createHarness, englishOwner, englishOwnerPhone, type Harness } from "./telegram-harness.js";
import { failingStore } from "../../support/failing-store.js";

/** A store whose first phone lookup fails as a dropped database connection would; later ones work. */
const phoneLookupFailingOnce = failingStore("residents", "findByPhone", (call) => (call === 1 ? new Error("connection reset") : null));

describe("updates Telegram delivers again", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("an update whose handling failed unexpectedly is worked on again when Telegram redelivers it", async () => {
    h = await createHarness({ botStore: phoneLookupFailingOnce });
    await h.command(englishOwner, "start");
    const shared = contactUpdate({ user: englishOwner, phone: englishOwnerPhone });

    await h.handle(shared);
    expect(h.lastText(englishOwner)).toBe("Sorry, something went wrong on our side. Please try again in a moment.");
    await h.handle(shared);

    expect(h.lastText(englishOwner)).toMatch(/^Thank you, your phone number matches our owner register/);
    expect(h.store.snapshot().identities[0]).toMatchObject({ verified: true });
  });

  it("a refusal the owner was already told is not told again when Telegram redelivers the update", async () => {
    h = await createHarness();
    await h.command(englishOwner, "start");
    const someoneElses = contactUpdate({ user: englishOwner, phone: englishOwnerPhone, contactUserId: 424242 });

    await h.handle(someoneElses);
    const shown = h.texts(englishOwner);
    await h.handle(someoneElses);

    expect(shown.at(-1)).toBe("Please share your own contact with the button, not someone else's.");
    expect(h.texts(englishOwner)).toEqual(shown);
    expect(h.logs).toContainEqual(expect.objectContaining({ updateId: someoneElses.update_id, msg: "repeated telegram update dropped" }));
  });

  it("a dropped update is a warning that says why it was dropped, so an operator can tell it from silence", async () => {
    h = await createHarness();
    const start = commandUpdate({ user: englishOwner, command: "start" });

    await h.handle(start);
    await h.handle(start);

    const dropped = h.logs.find((line) => line.msg === "repeated telegram update dropped");
    expect(dropped).toMatchObject({ level: 40, updateId: start.update_id, reason: expect.stringContaining("already handled") });
  });
});
