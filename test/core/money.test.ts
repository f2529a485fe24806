import { describe, expect, it } from "vitest";
import { formatFen, yuanColumn, yuanToFen } from "../../src/core/domain/money.js";

describe("money in fen", () => {
  it("reads yuan with up to two decimals into whole fen, digit by digit", () => {
    expect(yuanToFen("12.5")).toBe(1_250);
    expect(yuanToFen("12.50")).toBe(1_250);
    expect(yuanToFen("0.05")).toBe(5);
    expect(yuanToFen("0")).toBe(0);
    expect(yuanToFen("180")).toBe(18_000);
    // 19.99 * 100 is 1998.9999999999998 in floating point; the text is never multiplied.
    expect(yuanToFen("19.99")).toBe(1_999);
    expect(yuanToFen("1.15")).toBe(115);
    expect(yuanToFen("9999999999999.99")).toBe(999_999_999_999_999);
  });

  it.each([
    ["1.234", "a third decimal"],
    ["-1", "a sign"],
    ["+1", "a sign"],
    ["1e3", "an exponent"],
    ["", "nothing"],
    [" 12", "a space"],
    ["12.", "a point without decimals"],
    [".5", "decimals without yuan"],
    ["012", "a leading zero"],
    ["1,200", "a thousands separator"],
    ["¥12", "a currency sign"],
    ["12元", "a unit"],
    ["NaN", "not a number"],
    ["Infinity", "not a number"],
    ["0x10", "hexadecimal"],
    ["１２", "full-width digits"],
    ["99999999999999", "more yuan than a safe integer of fen holds"],
  ])("refuses %j (%s)", (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it("a CSV column of yuan is trimmed, and a bad one names the column and what it got", () => {
    expect(yuanColumn("price").parse(" 88.00 ")).toBe(8_800);
    const refused = yuanColumn("amount").safeParse("1.234");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('amount must be yuan with at most 2 decimals, such as 12.50 (got "1.234")');
  });

  it("shows fen as yuan with two decimals", () => {
    expect(formatFen(1_250)).toBe("¥12.50");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(168_000)).toBe("¥1680.00");
    expect(formatFen(-1_250)).toBe("-¥12.50");
    expect(() => formatFen(12.5)).toThrow(RangeError);
  });

  it("a formatted amount reads back as the same fen", () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 1_999, 88_000, 2_147_483_647]) expect(yuanToFen(formatFen(fen).slice(1))).toBe(fen);
  });
});
