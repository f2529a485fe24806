import { describe, expect, it } from "vitest";
import { importUnits } from "../../src/core/use-cases/import-units.js";
import { importStaff } from "../../src/core/use-cases/import-staff.js";
import { decideVerification } from "../../src/core/use-cases/decide-verification.js";
import { getOwnerProfile } from "../../src/core/use-cases/get-owner-profile.js";
import { listOwnerCases } from "../../src/core/use-cases/list-owner-cases.js";
import { registerOwnerIdentity } from "../../src/core/use-cases/register-owner-identity.js";
import { requestVerification } from "../../src/core/use-cases/request-verification.js";
import { shareContact } from "../../src/core/use-cases/share-contact.js";
import { isInWarranty, normalisePhone, warrantyEnd } from "../../src/core/domain/registry.js";
import { createFixture, reportedRepair, unitRow, verifiedOwner } from "../support/workflow-fixture.js";

const numbered = (rows: Record<string, string>[]) => rows.map((values, index) => ({ line: index + 2, values }));

describe("importing the unit registry", () => {
  it("reports every bad row with its line number and reason, and imports nothing", async () => {
    const { ctx, memory } = await createFixture({ units: [unitRow()] });
    const before = memory!.snapshot().units.length;

    const result = await importUnits(
      ctx,
      numbered([
        unitRow({ unit: "101" }),
        unitRow({ unit: "102", handover_date: "2025-02-30" }),
        unitRow({ unit: "103", phone: "call me" }),
        unitRow({ unit: "104", language: "fr" }),
      ]),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(result.problems[0]?.reason).toContain("handover_date");
    expect(result.problems[1]?.reason).toContain("phone");
    expect(result.problems[2]?.reason).toContain("language must be zh-CN or en");
    expect(memory!.snapshot().units).toHaveLength(before);
  });

  it("a re-import updates units and owners instead of duplicating them", async () => {
    const { ctx, memory } = await createFixture({ units: [unitRow()] });

    const result = await importUnits(ctx, numbered([unitRow({ area_m2: "92", owner_name: "王芳芳" }), unitRow({ unit: "1203" })]));

    expect(result).toEqual({ ok: true, created: 1, updated: 1, removedOwners: 0 });
    const snapshot = memory!.snapshot();
    expect(snapshot.units).toHaveLength(2);
    expect(snapshot.units.find((u) => u.unit === "1202")?.areaM2).toBe(92);
    const unit1202 = snapshot.units.find((u) => u.unit === "1202")!;
    expect(snapshot.residents.filter((r) => r.unitId === unit1202.id).map((r) => r.name)).toEqual(["王芳芳"]);
  });

  it("re-importing a sold flat with the new owner's phone removes the previous owner, who can no longer report a repair for it", async () => {
    const { ctx, memory } = await createFixture({ units: [unitRow(), unitRow({ unit: "1203", owner_name: "赵敏", phone: "+8613800000003" })] });
    const previousOwner = await verifiedOwner(ctx, "7001", "+8613800000001");
    await reportedRepair(ctx, { ownerUserId: previousOwner });

    const result = await importUnits(ctx, numbered([unitRow({ owner_name: "刘洋", phone: "+8613800000002" })]));

    expect(result).toEqual({ ok: true, created: 0, updated: 1, removedOwners: 1 });
    const unit1202 = memory!.snapshot().units.find((u) => u.unit === "1202")!;
    expect(memory!.snapshot().residents.filter((r) => r.unitId === unit1202.id).map((r) => r.phone)).toEqual(["+8613800000002"]);
    expect(memory!.snapshot().residents.some((r) => r.phone === "+8613800000003")).toBe(true);
    await expect(reportedRepair(ctx, { ownerUserId: previousOwner })).rejects.toMatchObject({ code: "not_verified" });
    const profile = await getOwnerProfile(ctx, previousOwner);
    expect(profile?.identity.verified).toBe(false);
    expect(profile?.units).toEqual([]);
    expect(await listOwnerCases(ctx, previousOwner)).toEqual([]);
    const again = await shareContact(ctx, { ownerUserId: previousOwner, contactUserId: previousOwner, phone: "+8613800000001" });
    expect(again.status).toBe("needs_unit");
    const newOwner = await verifiedOwner(ctx, "7003", "+8613800000002");
    expect((await reportedRepair(ctx, { ownerUserId: newOwner })).unitId).toBe(unit1202.id);
  });

  it("an owner the front desk approved survives a registry re-import", async () => {
    const { ctx, memory } = await createFixture();
    await registerOwnerIdentity(ctx, { ownerUserId: "7005", chatId: "7005", displayName: "陈静", languageCode: "zh-hans", defaultLocale: "zh-CN" });
    expect((await shareContact(ctx, { ownerUserId: "7005", contactUserId: "7005", phone: "+8613800000005" })).status).toBe("needs_unit");
    const request = await requestVerification(ctx, { ownerUserId: "7005", building: "3", unit: "1202" });
    await decideVerification(ctx, { verificationId: request.id, staffUserId: "UFRONT1", approve: true });

    const result = await importUnits(ctx, numbered([unitRow()]));

    expect(result).toEqual({ ok: true, created: 0, updated: 1, removedOwners: 0 });
    const approved = memory!.snapshot().residents.find((r) => r.phone === "+8613800000005");
    expect(approved).toMatchObject({ source: "front_desk", role: "owner" });
    expect((await reportedRepair(ctx, { ownerUserId: "7005" })).unitId).toBe(approved?.unitId);
  });

  it("names a missing column instead of failing every row", async () => {
    const { ctx } = await createFixture();
    const { phone: _phone, ...withoutPhone } = unitRow();
    const result = await importUnits(ctx, numbered([withoutPhone]));
    expect(result).toEqual({ ok: false, problems: [{ line: 1, reason: "missing column(s): phone" }] });
  });

  it("staff rows are validated against the closed lists of teams and roles", async () => {
    const { ctx } = await createFixture();
    const result = await importStaff(ctx, numbered([{ slack_user_id: "U0NEW", name: "New", team: "kitchen", role: "boss" }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.reason).toMatch(/team must be one of frontdesk, maintenance.*role must be member, leader or manager/);
  });
});

describe("phones and warranty", () => {
  it("a phone matches with or without the plus and with spaces", () => {
    expect(normalisePhone("8613800000001")).toBe("+8613800000001");
    expect(normalisePhone("+86 138-0000-0001")).toBe("+8613800000001");
  });

  it("a registry phone without its country code is refused rather than stored unmatchable", async () => {
    const { ctx } = await createFixture();
    const result = await importUnits(ctx, numbered([unitRow({ unit: "1301", phone: "13800000009" }), unitRow({ unit: "1302", phone: "0086 138 0000 0008" })]));
    expect(result).toEqual({ ok: false, problems: [{ line: 2, reason: "phone: phone must be in international form such as +8613800000001" }] });
  });

  it("warranty months count calendar months, clamped at the end of a short month", () => {
    expect(warrantyEnd({ handoverDate: "2024-08-31", warrantyMonths: 6 })).toBe("2025-02-28");
    expect(isInWarranty({ handoverDate: "2024-08-31", warrantyMonths: 6 }, "2025-02-27")).toBe(true);
    expect(isInWarranty({ handoverDate: "2024-08-31", warrantyMonths: 6 }, "2025-02-28")).toBe(false);
  });

  it("a shared contact without the plus still verifies the registered owner", async () => {
    const { ctx } = await createFixture();
    await verifiedOwner(ctx, "7002", "8613800000001");
    const identity = await ctx.uow.transaction((store) => store.identities.find("7002"));
    expect(identity?.verified).toBe(true);
  });

  it("a unit whose warranty has ended gets a paid repair; a public-area repair is never billed", async () => {
    const { ctx } = await createFixture({ units: [unitRow({ handover_date: "2020-01-15", warranty_months: "24" })] });
    const own = await reportedRepair(ctx);
    const publicArea = await reportedRepair(ctx, { ownerUserId: "7001", publicArea: "Lobby of building 3", category: "public_area" });
    expect(own.details.billing).toBe("paid");
    expect(publicArea.details.billing).toBe("warranty");
  });
});
