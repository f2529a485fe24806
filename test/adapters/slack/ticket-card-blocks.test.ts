import { afterEach, describe, expect, it } from "vitest";
import { maskPhone } from "../../../src/adapters/slack/blocks/format.js";
import { repairCard } from "../../../src/adapters/slack/kinds/repair/card.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { aClock, anEvent, aRepairView, englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();
const card = (...args: Parameters<typeof aRepairView>) => repairCard(aRepairView(...args), t, formatInstant);

describe("the dispatch card", () => {
  it("shows number, category, unit, owner with a masked phone, description, photos, preferred time, billing and status", () => {
    const { text, blocks } = card();
    const shown = textOf(blocks);

    for (const expected of ["R-2026-000001", "Plumbing", "3-1202", "王芳 +86 138****0001", "Kitchen tap drips all night", "Tomorrow morning", "Free (in warranty)", "New", "Unassigned"]) {
      expect(shown).toContain(expected);
    }
    expect(shown).toMatch(/\*Photos\*\n2/);
    expect(shown).not.toContain("13800000001");
    expect(text).toBe("R-2026-000001 · Plumbing · 3-1202 · New");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("offers Claim, Assign and Cancel on a new ticket, carrying the ticket id and version", () => {
    const { blocks } = card();

    expect(buttonLabels(blocks)).toEqual(["Claim", "Assign", "Cancel"]);
    expect(JSON.parse(buttonOf(blocks, "ticket.claim").value ?? "")).toEqual({ ticketId: "ticket-1", version: 1 });
  });

  it("offers Leak test passed but not Done on a leak waiting for its leak test", () => {
    const { blocks } = card({ subject: { status: "leak_test_pending", details: { category: "water_leak" } } });

    expect(buttonLabels(blocks)).toContain("Leak test passed");
    expect(buttonLabels(blocks)).not.toContain("Done");
  });

  it("offers one Done button for work in progress, whatever the category", () => {
    expect(buttonLabels(card({ subject: { status: "in_progress" } }).blocks)).toEqual(["Done", "Cancel"]);
    expect(buttonLabels(card({ subject: { status: "in_progress", details: { category: "water_leak" } } }).blocks)).toEqual(["Done", "Cancel"]);
  });

  it("shows no buttons on closed and cancelled tickets, and the reason of a cancellation", () => {
    expect(card({ subject: { status: "closed" } }).blocks.some((block) => block.type === "actions")).toBe(false);
    const cancelled = card({ subject: { status: "cancelled", cancelReason: "Owner fixed it himself" } });

    expect(cancelled.blocks.some((block) => block.type === "actions")).toBe(false);
    expect(textOf(cancelled.blocks)).toContain("Cancelled: Owner fixed it himself");
  });

  it("shows the assignee, the appointment in the property's zone, running clocks and the owner's Fixed? answer", () => {
    const { blocks } = card({
      subject: { status: "awaiting_callback", details: { appointmentAt: new Date("2026-12-01T06:30:00Z"), ownerFixedAnswer: "no" } },
      assignee: { id: "s1", staffUserId: "UMAINT1", name: "Zhang Wei", team: "maintenance", role: "member" },
      clocks: [aClock({ dueAt: new Date("2026-12-03T02:00:00Z") })],
    });
    const shown = textOf(blocks);

    expect(shown).toContain("Zhang Wei");
    expect(shown).toContain("Tue, Dec 1, 14:30");
    expect(shown).toContain("Callback due Thu, Dec 3, 10:00");
    expect(shown).toMatch(/Owner: fixed\?\*\nNo, not fixed/);
  });

  it("lists recent events with who did what and when", () => {
    const { blocks } = card({
      recentEvents: [
        anEvent(),
        anEvent({ id: "e2", type: "assign", actor: { type: "staff", id: "s9" }, at: new Date("2026-11-30T03:15:00Z"), data: { assignee: "Li Qiang" } }),
        anEvent({ id: "e3", type: "reopened", actor: { type: "owner", id: "resident-1" }, data: { reason: "owner_not_fixed" } }),
      ],
      staffNames: { s9: "Zhao Lei" },
    });
    const shown = textOf(blocks);

    expect(shown).toContain("Mon, Nov 30, 10:00 · *王芳* reported the repair");
    expect(shown).toContain("Mon, Nov 30, 11:15 · *Zhao Lei* assigned it to Li Qiang");
    expect(shown).toContain("reopened it (owner says not fixed)");
  });

  it("names a public-area repair by its place and escapes what owners typed", () => {
    const { text, blocks } = card({ subject: { details: { publicArea: "Lobby of building 3", category: "public_area", description: "<!channel> lift is stuck & loud" } } });
    const shown = textOf(blocks);

    expect(shown).toContain("Public area: Lobby of building 3 (reported from 3-1202)");
    expect(shown).toContain("&lt;!channel&gt; lift is stuck &amp; loud");
    expect(shown).not.toContain("<!channel>");
    expect(text).toContain("Public area: Lobby of building 3");
  });
});

describe("maskPhone", () => {
  it("keeps the country code, the first three and the last four digits of a Chinese mobile", () => {
    expect(maskPhone("+8613800000001")).toBe("+86 138****0001");
  });

  it("never shows the middle digits of other numbers", () => {
    expect(maskPhone("+447700900123")).toBe("+447****0123");
    expect(maskPhone("+12345")).toBe("****45");
  });
});
