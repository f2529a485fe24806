import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  callbackDataMaxBytes,
  decodeCallbackData,
  decodeOwnerButton,
  encodeCallbackData,
  encodeOwnerButton,
  type CallbackData,
} from "../../../src/adapters/telegram/callback-data.js";
import { ownerActionsKeyboard } from "../../../src/adapters/telegram/keyboards.js";
import { defineKind } from "../../../src/core/case/kind.js";
import { CaseKindRegistry } from "../../../src/core/case/registry.js";
import type { OwnerButton } from "../../../src/core/domain/outbox.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import { repairKind } from "../../../src/core/kinds/repair/kind.js";
import type { Translator } from "../../../src/core/ports/translator.js";

const ticketId = "3f9c2b1e-8a4d-4c7e-9b2a-1d5e6f7a8b9c";
const kinds = productRegistry();

/** A kind of request the codec has never heard of, with owner actions of both argument types. */
const parcelKind = defineKind({
  id: "parcel",
  prefix: "P",
  details: z.object({}),
  lifecycle: { statuses: ["waiting", "collected"], initial: "waiting", transitions: { collect: { from: ["waiting"], to: "collected" } } },
  finalStatuses: ["collected"],
  mayPerform: () => true,
  cardActions: () => [],
  clockRules: {},
  dueEffects: {},
  ownerActions: {
    "pickup.at": { code: "pa", argument: "instant", labelKey: "parcel.pickup_at", doneKey: "parcel.pickup_at_done", isCurrent: () => true },
    "pickup.neighbour": { code: "pn", argument: null, labelKey: "parcel.neighbour", doneKey: "parcel.neighbour_done", isCurrent: () => true },
  },
  tasks: {},
});

/** Renders a key as itself, so labels show which key the keyboard asked for. */
const keyTranslator: Translator = { t: (_locale, key) => key, formatInstant: (_locale, at) => at.toISOString() };

describe("callback data", () => {
  const samples: CallbackData[] = [
    { type: "language", locale: "zh-CN" },
    { type: "category", category: "doors_windows" },
    { type: "photos", choice: "skip" },
    { type: "location", unitId: ticketId },
    { type: "location", unitId: null },
    { type: "time", slot: "tomorrow_pm" },
    { type: "summary", choice: "submit" },
    { type: "edit", step: "location" },
    { type: "subject", subject: "staff_attitude" },
    { type: "skip", field: "about" },
    { type: "deadline", choice: "d7" },
    { type: "deadline", choice: "none" },
    { type: "complaint_edit", step: "when_where" },
    { type: "skip", field: "requests" },
    { type: "service_team", team: "greening" },
    { type: "service_type", serviceType: "cleaning_whole_flat" },
    { type: "price_item", code: "CL-MONTHLY-TWICE" },
    { type: "quantity", value: "89.5" },
    { type: "service_edit", step: "quantity" },
  ];
  const ownerSamples: OwnerButton[] = [
    { kind: "repair", action: "appointment.confirm", caseId: ticketId, arg: "2026-12-01T01:30:00.000Z" },
    { kind: "repair", action: "appointment.other", caseId: ticketId, arg: "2026-12-01T01:30:00.000Z" },
    { kind: "repair", action: "fixed.yes", caseId: ticketId },
    { kind: "repair", action: "fixed.no", caseId: ticketId },
    { kind: "complaint", action: "verdict.resolved", caseId: ticketId },
    { kind: "complaint", action: "verdict.not_resolved", caseId: ticketId },
  ];

  it.each(samples.map((sample) => [JSON.stringify(sample), sample] as const))("round-trips %s within Telegram's 64 bytes", (_, sample) => {
    const encoded = encodeCallbackData(sample);

    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(callbackDataMaxBytes);
    expect(decodeCallbackData(encoded)).toEqual(sample);
  });

  it.each(ownerSamples.map((button) => [JSON.stringify(button), button] as const))("round-trips the owner button %s within Telegram's 64 bytes", (_, button) => {
    const encoded = encodeOwnerButton(kinds, button);

    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(callbackDataMaxBytes);
    expect(decodeOwnerButton(kinds, encoded)).toEqual({ type: "owner_button", button });
    expect(decodeCallbackData(encoded)).toBeNull();
  });

  it("encodes an owner button as ob:<kind prefix>:<action code>:<case id>[:<epoch seconds>], 55 bytes for a UUID and an instant", () => {
    const encoded = encodeOwnerButton(kinds, ownerSamples[0]!);

    expect(encoded).toBe(`ob:R:ac:${ticketId}:${Date.parse("2026-12-01T01:30:00Z") / 1000}`);
    expect(Buffer.byteLength(encoded)).toBe(55);
  });

  it("reads anything unknown, malformed or out of range as an expired button (null)", () => {
    for (const raw of [undefined, "", "zz:1", "ct:roof", "oa:xx:" + ticketId, "oa:ac", "oa:ac:" + ticketId, "oa:ac:" + ticketId + ":soon", "lg:fr", "tm:midnight", "sm:submit:extra"]) {
      expect(decodeCallbackData(raw)).toBeNull();
      expect(decodeOwnerButton(kinds, raw)).toBeNull();
    }
    for (const raw of ["ob:Z:ac:" + ticketId + ":1764552600", "ob:R:zz:" + ticketId, "ob:R:fy:" + ticketId + ":1764552600", "ob:R:ac:" + ticketId, "ob:R:ac::1764552600", "ob:R:fy:" + ticketId + ":x:y"]) {
      expect(decodeOwnerButton(kinds, raw)).toBeNull();
    }
  });

  it("decodes seconds beyond what a date can hold to nothing instead of throwing a RangeError", () => {
    const beyond = ["1e308", "9".repeat(11), "9".repeat(16), "8640000000001", "Infinity", "NaN", "-1", "1.5"];
    for (const seconds of beyond) {
      for (const raw of [`oa:ac:x:${seconds}`, `oa:ac:${ticketId}:${seconds}`, `ob:R:ac:${ticketId}:${seconds}`, `ob:R:ao:${ticketId}:${seconds}`]) {
        expect(() => decodeOwnerButton(kinds, raw), raw).not.toThrow();
        expect(() => decodeCallbackData(raw), raw).not.toThrow();
        const decoded = decodeOwnerButton(kinds, raw);
        if (decoded) expect(Number.isFinite(Date.parse(decoded.button.arg ?? "")), raw).toBe(true);
      }
    }
    expect(decodeOwnerButton(kinds, "oa:ac:x:1e308")).toBeNull();
  });

  it("refuses to encode data longer than Telegram allows instead of sending a button Telegram rejects", () => {
    expect(() => encodeCallbackData({ type: "location", unitId: "x".repeat(40) })).not.toThrow();
    expect(() => encodeOwnerButton(kinds, { kind: "repair", action: "fixed.no", caseId: "x".repeat(60) })).toThrow(/64/);
  });

  it("refuses, when the keyboard is built, an owner button that would exceed 64 bytes", () => {
    const buttons: OwnerButton[] = [
      { kind: "repair", action: "fixed.yes", caseId: ticketId },
      { kind: "repair", action: "fixed.no", caseId: "x".repeat(60) },
    ];

    expect(() => ownerActionsKeyboard(buttons, "en", keyTranslator, kinds, "Asia/Shanghai")).toThrow(/64/);
  });

  it("refuses to encode a button its kind does not declare, or with an argument that does not match the action's", () => {
    expect(() => encodeOwnerButton(kinds, { kind: "repair", action: "fixed.maybe", caseId: ticketId })).toThrow(/no kind defines/);
    expect(() => encodeOwnerButton(kinds, { kind: "repair", action: "appointment.confirm", caseId: ticketId })).toThrow(/instant/);
    expect(() => encodeOwnerButton(kinds, { kind: "repair", action: "appointment.confirm", caseId: ticketId, arg: "tomorrow" })).toThrow(/instant/);
    expect(() => encodeOwnerButton(kinds, { kind: "repair", action: "fixed.yes", caseId: ticketId, arg: "2026-12-01T01:30:00.000Z" })).toThrow(/no argument/);
    expect(() => encodeOwnerButton(kinds, { kind: "repair", action: "fixed.yes", caseId: "a:b" })).toThrow(/":"/);
  });

  it("encodes an action whose argument may be left out both ways: a one-off's Accept the work names no instant, a package visit's names its visit", () => {
    const oneOff: OwnerButton = { kind: "service", action: "work.accept", caseId: ticketId };
    const visit: OwnerButton = { ...oneOff, arg: "2026-12-07T02:00:00.000Z" };
    expect(encodeOwnerButton(kinds, oneOff)).toBe(`ob:S:wa:${ticketId}`);
    expect(decodeOwnerButton(kinds, encodeOwnerButton(kinds, oneOff))).toEqual({ type: "owner_button", button: oneOff });
    expect(decodeOwnerButton(kinds, encodeOwnerButton(kinds, visit))).toEqual({ type: "owner_button", button: visit });
    expect(() => encodeOwnerButton(kinds, { ...oneOff, arg: "tomorrow" })).toThrow(/instant/);
    expect(decodeOwnerButton(kinds, `ob:S:wa:${ticketId}:soon`)).toBeNull();
  });

  it("decodes the owner buttons shown before kinds (oa:<code>:<id>[:<seconds>]) as repair buttons", () => {
    const seconds = Date.parse("2026-12-01T01:30:00Z") / 1000;

    expect(decodeOwnerButton(kinds, `oa:ac:${ticketId}:${seconds}`)).toEqual({ type: "owner_button", button: ownerSamples[0] });
    expect(decodeOwnerButton(kinds, `oa:ao:${ticketId}:${seconds}`)).toEqual({ type: "owner_button", button: ownerSamples[1] });
    expect(decodeOwnerButton(kinds, `oa:fy:${ticketId}`)).toEqual({ type: "owner_button", button: ownerSamples[2] });
    expect(decodeOwnerButton(kinds, `oa:fn:${ticketId}`)).toEqual({ type: "owner_button", button: ownerSamples[3] });
  });

  it("round-trips a new kind's owner actions through a registry that holds it, with no change to the codec", () => {
    const registry = new CaseKindRegistry([repairKind, parcelKind]);
    const at: OwnerButton = { kind: "parcel", action: "pickup.at", caseId: ticketId, arg: "2026-12-03T10:00:00.000Z" };
    const neighbour: OwnerButton = { kind: "parcel", action: "pickup.neighbour", caseId: ticketId };

    for (const button of [at, neighbour]) {
      const encoded = encodeOwnerButton(registry, button);
      expect(encoded).toMatch(/^ob:P:p[an]:/);
      expect(decodeOwnerButton(registry, encoded)).toEqual({ type: "owner_button", button });
      // A deployment without the kind reads the button as expired.
      expect(decodeOwnerButton(kinds, encoded)).toBeNull();
    }
    const keyboard = ownerActionsKeyboard([at, neighbour], "en", keyTranslator, registry, "Asia/Shanghai");
    expect(keyboard?.inline_keyboard.flat().map((button) => button.text)).toEqual(["owner:parcel.pickup_at", "owner:parcel.neighbour"]);
  });

  it("every owner button of every kind, on a UUID case with an instant as late as 2286, fits 64 bytes and reads back through its keyboard", () => {
    const latest = "2286-11-20T17:46:39.000Z";
    const buttons: OwnerButton[] = kinds.list().flatMap((kind) =>
      Object.entries(kind.ownerActions).map(([action, definition]) => ({
        kind: kind.id,
        action,
        caseId: ticketId,
        ...(definition.argument === null ? {} : { arg: latest }),
      })),
    );
    expect(new Set(buttons.map((button) => button.kind))).toEqual(new Set(kinds.list().map((kind) => kind.id)));

    const keyboard = ownerActionsKeyboard(buttons, "zh-CN", keyTranslator, kinds, "Asia/Shanghai");
    const data = (keyboard?.inline_keyboard.flat() ?? []).map((button) => ("callback_data" in button ? button.callback_data : ""));
    expect(data).toHaveLength(buttons.length);
    for (const [index, raw] of data.entries()) {
      expect(Buffer.byteLength(raw), raw).toBeLessThanOrEqual(callbackDataMaxBytes);
      expect(decodeOwnerButton(kinds, raw)).toEqual({ type: "owner_button", button: buttons[index] });
    }
  });

  it("every conversation button, with the longest value its field admits (a 20-character Chinese building, a 32-character price code), fits 64 bytes and reads back", () => {
    const longest: CallbackData[] = [
      { type: "language", locale: "zh-CN" },
      { type: "category", category: "water_leak" },
      { type: "photos", choice: "done" },
      { type: "location", unitId: "u".repeat(40) },
      { type: "location", unitId: null },
      { type: "time", slot: "tomorrow_pm" },
      { type: "summary", choice: "submit" },
      { type: "edit", step: "description" },
      { type: "building", building: "楼".repeat(20) },
      { type: "verify", choice: "front_desk" },
      { type: "subject", subject: "staff_attitude" },
      { type: "skip", field: "requests" },
      { type: "deadline", choice: "none" },
      { type: "complaint_edit", step: "when_where" },
      { type: "service_team", team: "greening" },
      { type: "service_type", serviceType: "cleaning_whole_flat" },
      { type: "price_item", code: "A".repeat(15) + "-" + "B".repeat(16) },
      { type: "quantity", value: "99999.99" },
      { type: "service_edit", step: "quantity" },
      { type: "free_text", choice: "repair" },
    ];
    expect(new Set(longest.map((data) => data.type)).size).toBe(19);
    for (const data of longest) {
      const raw = encodeCallbackData(data);
      expect(Buffer.byteLength(raw), raw).toBeLessThanOrEqual(callbackDataMaxBytes);
      expect(decodeCallbackData(raw)).toEqual(data);
    }
  });

  it("refuses to build a button the bot could not read back: a building past 20 characters, a field holding a colon", () => {
    expect(() => encodeCallbackData({ type: "building", building: "Phase II North Tower Block 12" })).toThrow(/schema/);
    expect(() => encodeCallbackData({ type: "building", building: "A:1" })).toThrow(/":"/);
  });
});
