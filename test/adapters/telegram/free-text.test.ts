import { afterEach, describe, expect, it } from "vitest";
import { chineseOwner, chineseOwnerPhone, createHarness, englishOwner, englishOwnerPhone, stranger, verifyThroughBot, type Harness } from "./telegram-harness.js";

describe("free text outside a conversation", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("a verified owner's message is offered as a repair, and the offer starts one with the text as its description", async () => {
    h = await createHarness({ emergencyPhone: "0755-88886666" });
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);

    await h.text(englishOwner, "The kitchen tap drips all night");

    expect(h.lastText(englishOwner)).toBe("Would you like to report this as a repair?\n\n“The kitchen tap drips all night”");
    await h.press(englishOwner, "🔧 Report it as a repair");
    expect(h.texts(englishOwner)).toContain("What needs repairing?");
    await h.press(englishOwner, "Plumbing");
    expect(h.lastText(englishOwner)).toMatch(/^Send photos of the problem/);
  });

  it("words of urgency show the property's emergency number at once, before the offer", async () => {
    h = await createHarness({ emergencyPhone: "0755-88886666" });
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);

    await h.text(chineseOwner, "我家水管爆了快来人");

    const texts = h.texts(chineseOwner);
    expect(texts.at(-2)).toBe("如有危险，请先确保人身安全，并立即拨打物业应急电话 0755-88886666。");
    expect(texts.at(-1)).toBe("需要把这段话作为报修提交吗？\n\n“我家水管爆了快来人”");
  });

  it("an ordinary message shows no emergency number", async () => {
    h = await createHarness({ emergencyPhone: "0755-88886666" });
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);

    await h.text(englishOwner, "The door bell is quiet");

    expect(h.texts(englishOwner).join("\n")).not.toContain("0755-88886666");
  });

  it("an owner who has not verified yet still gets the emergency number for an urgent message", async () => {
    h = await createHarness({ emergencyPhone: "0755-88886666" });

    await h.text(stranger, "Fire in the stairwell!");

    expect(h.texts(stranger).join("\n")).toContain("0755-88886666");
  });
});
