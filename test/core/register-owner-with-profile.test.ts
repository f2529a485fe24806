import { describe, expect, it } from "vitest";
import { getOwnerProfile } from "../../src/core/use-cases/get-owner-profile.js";
import { registerOwnerWithProfile } from "../../src/core/use-cases/register-owner-identity.js";
import { createFixture, verifiedOwner } from "../support/workflow-fixture.js";

const start = (ownerUserId: string, displayName = "Wang Fang") => ({ ownerUserId, chatId: ownerUserId, displayName, languageCode: "en-GB", defaultLocale: "zh-CN" as const });

describe("/start registers the owner and reads their profile in one transaction", () => {
  it("a first /start remembers the chat in the client's language and reports the owner unverified, with no units", async () => {
    const { ctx } = await createFixture();

    const profile = await registerOwnerWithProfile(ctx, start("7101"));

    expect(profile).toEqual({ identity: { ownerUserId: "7101", chatId: "7101", displayName: "Wang Fang", locale: "en", phone: null, verified: false }, units: [] });
    expect(await getOwnerProfile(ctx, "7101")).toEqual(profile);
  });

  it("a verified owner's /start keeps their chosen language and phone, takes the new display name and lists their unit in warranty", async () => {
    const { ctx } = await createFixture();
    await verifiedOwner(ctx, "7001");

    const profile = await registerOwnerWithProfile(ctx, start("7001", "Fang W."));

    expect(profile.identity).toMatchObject({ displayName: "Fang W.", locale: "zh-CN", phone: "+8613800000001", verified: true });
    expect(profile.units.map((owned) => ({ unit: owned.unit.unit, inWarranty: owned.inWarranty }))).toEqual([{ unit: "1202", inWarranty: true }]);
    expect(await getOwnerProfile(ctx, "7001")).toEqual(profile);
  });
});
