import { describe, expect, it } from "vitest";
import { callbackDataMaxBytes, decodeCallbackData, encodeCallbackData, type CallbackData } from "../../../src/adapters/telegram/callback-data.js";

const ticketId = "3f9c2b1e-8a4d-4c7e-9b2a-1d5e6f7a8b9c";

describe("callback data", () => {
  const samples: CallbackData[] = [
    { type: "owner_action", action: { type: "appointment.confirm", ticketId, proposedAt: "2026-12-01T01:30:00.000Z" } },
    { type: "owner_action", action: { type: "appointment.other", ticketId, proposedAt: "2026-12-01T01:30:00.000Z" } },
    { type: "owner_action", action: { type: "fixed.yes", ticketId } },
    { type: "owner_action", action: { type: "fixed.no", ticketId } },
    { type: "language", locale: "zh-CN" },
    { type: "category", category: "doors_windows" },
    { type: "photos", choice: "skip" },
    { type: "location", unitId: ticketId },
    { type: "location", unitId: null },
    { type: "time", slot: "tomorrow_pm" },
    { type: "summary", choice: "submit" },
    { type: "edit", step: "location" },
  ];

  it.each(samples.map((sample) => [JSON.stringify(sample), sample] as const))("round-trips %s within Telegram's 64 bytes", (_, sample) => {
    const encoded = encodeCallbackData(sample);

    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(callbackDataMaxBytes);
    expect(decodeCallbackData(encoded)).toEqual(sample);
  });

  it("reads anything unknown, malformed or out of range as an expired button (null)", () => {
    for (const raw of [undefined, "", "zz:1", "ct:roof", "oa:xx:" + ticketId, "oa:ac", "oa:ac:" + ticketId, "oa:ac:" + ticketId + ":soon", "lg:fr", "tm:midnight", "sm:submit:extra"]) {
      expect(decodeCallbackData(raw)).toBeNull();
    }
  });

  it("refuses to encode data longer than Telegram allows instead of sending a button Telegram rejects", () => {
    expect(() => encodeCallbackData({ type: "location", unitId: "x".repeat(40) })).not.toThrow();
    expect(() => encodeCallbackData({ type: "owner_action", action: { type: "fixed.no", ticketId: "x".repeat(60) } })).toThrow(/64/);
  });
});
