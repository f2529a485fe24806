import { z } from "zod";
import { OwnerActionSchema, type OwnerAction } from "../../core/domain/outbox.js";
import { LocaleSchema } from "../../core/domain/registry.js";
import { RepairCategorySchema } from "../../core/domain/ticket.js";

/** Telegram rejects `callback_data` longer than this many bytes (BUTTON_DATA_INVALID). */
export const callbackDataMaxBytes = 64;

export const PreferredSlotSchema = z.enum(["today_pm", "tomorrow_am", "tomorrow_pm", "weekend"]);
export type PreferredSlot = z.infer<typeof PreferredSlotSchema>;

export const RepairStepSchema = z.enum(["category", "description", "photos", "location", "time"]);
export type RepairStep = z.infer<typeof RepairStepSchema>;

/**
 * Every button the owner bot puts under a message. Buttons outlive deployments and restarts
 * (an owner may press one a week later), so data is parsed, never trusted: anything that does
 * not decode is treated as an expired button.
 */
export const CallbackDataSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("owner_action"), action: OwnerActionSchema }),
  z.object({ type: z.literal("language"), locale: LocaleSchema }),
  z.object({ type: z.literal("category"), category: RepairCategorySchema }),
  z.object({ type: z.literal("photos"), choice: z.enum(["done", "skip"]) }),
  /** `unitId` null means the public area. */
  z.object({ type: z.literal("location"), unitId: z.string().min(1).max(40).nullable() }),
  z.object({ type: z.literal("time"), slot: PreferredSlotSchema }),
  z.object({ type: z.literal("summary"), choice: z.enum(["submit", "edit", "cancel"]) }),
  z.object({ type: z.literal("edit"), step: RepairStepSchema }),
]);
export type CallbackData = z.infer<typeof CallbackDataSchema>;

const ownerActionCodes = {
  "appointment.confirm": "ac",
  "appointment.other": "ao",
  "fixed.yes": "fy",
  "fixed.no": "fn",
} as const satisfies Record<OwnerAction["type"], string>;

const prefixes = {
  owner_action: "oa",
  language: "lg",
  category: "ct",
  photos: "ph",
  location: "lc",
  time: "tm",
  summary: "sm",
  edit: "ed",
} as const satisfies Record<CallbackData["type"], string>;

const publicArea = "-";

function fieldsOf(data: CallbackData): string[] {
  switch (data.type) {
    case "owner_action":
      // The proposal an appointment button answers, in epoch seconds: it keeps the data within 64 bytes.
      return "proposedAt" in data.action
        ? [ownerActionCodes[data.action.type], data.action.ticketId, String(Date.parse(data.action.proposedAt) / 1000)]
        : [ownerActionCodes[data.action.type], data.action.ticketId];
    case "language":
      return [data.locale];
    case "category":
      return [data.category];
    case "photos":
    case "summary":
      return [data.choice];
    case "location":
      return [data.unitId ?? publicArea];
    case "time":
      return [data.slot];
    case "edit":
      return [data.step];
  }
}

/**
 * Encodes button data as `prefix:field[:field]`. Throws when the result would exceed Telegram's
 * 64 bytes: that is a programming error (a longer id type), better caught in tests than by users.
 */
export function encodeCallbackData(data: CallbackData): string {
  const encoded = [prefixes[data.type], ...fieldsOf(data)].join(":");
  if (Buffer.byteLength(encoded, "utf8") > callbackDataMaxBytes) {
    throw new Error(`callback data of type ${data.type} is ${Buffer.byteLength(encoded)} bytes; Telegram allows ${callbackDataMaxBytes}`);
  }
  return encoded;
}

/** Decodes button data; null for anything unknown, malformed or from an older bot version. */
export function decodeCallbackData(raw: string | undefined): CallbackData | null {
  if (raw === undefined) return null;
  const [prefix, first, second, third, ...rest] = raw.split(":");
  if (rest.length > 0 || first === undefined) return null;
  if (third !== undefined && prefix !== prefixes.owner_action) return null;
  const candidate = candidateOf(prefix, first, second, third);
  if (candidate === null) return null;
  const parsed = CallbackDataSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function candidateOf(prefix: string | undefined, first: string, second: string | undefined, third: string | undefined): unknown {
  if (prefix === prefixes.owner_action) {
    const type = Object.entries(ownerActionCodes).find(([, code]) => code === first)?.[0];
    const seconds = third === undefined ? Number.NaN : Number(third);
    const proposedAt = Number.isInteger(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
    return type && second ? { type: "owner_action", action: { type, ticketId: second, ...(proposedAt ? { proposedAt } : {}) } } : null;
  }
  if (second !== undefined) return null;
  switch (prefix) {
    case prefixes.language:
      return { type: "language", locale: first };
    case prefixes.category:
      return { type: "category", category: first };
    case prefixes.photos:
      return { type: "photos", choice: first };
    case prefixes.location:
      return { type: "location", unitId: first === publicArea ? null : first };
    case prefixes.time:
      return { type: "time", slot: first };
    case prefixes.summary:
      return { type: "summary", choice: first };
    case prefixes.edit:
      return { type: "edit", step: first };
    default:
      return null;
  }
}
