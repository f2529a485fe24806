import { describe, expect, it } from "vitest";
import { type DemandLetter, findCjkFont, renderDemandLetter } from "../../../src/adapters/slack/kinds/fee/letter-pdf.js";
import { pdfText } from "./pdf-text.js";

const letter: DemandLetter = {
  companyName: "阳光花园物业服务有限公司",
  letterNumber: "DL-2026-000001",
  date: "2026-12-01",
  building: "3",
  unit: "1201",
  ownerName: "王芳",
  lines: [
    { feeType: "property", period: "2026-08", amountFen: 35_000, dueDate: "2026-08-31" },
    { feeType: "elevator", period: "2026-08", amountFen: 4_550, dueDate: "2026-08-31" },
  ],
};

describe("the demand letter PDF", () => {
  it("says in Chinese who writes to which household, the number, each period's amounts with the total, and the date", async () => {
    const bytes = await renderDemandLetter(letter);

    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("物业费催缴函");
    expect(text).toContain("阳光花园物业服务有限公司");
    expect(text).toContain("DL-2026-000001");
    expect(text).toContain("王芳业主");
    expect(text).toContain("3栋1201室");
    expect(text).toContain("2026-08物业费¥350.00");
    expect(text).toContain("2026-08电梯费¥45.50");
    expect(text).toContain("合计：¥395.50");
    expect(text).toContain("2026年12月1日");
  });

  it("is refused, not drawn blank, where no CJK font is installed", () => {
    expect(() => findCjkFont([{ path: "/nonexistent/font.ttc" }])).toThrow(/no CJK font/);
  });
});
