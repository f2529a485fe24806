import { z } from "zod";
import type { CaseKind, OwnerActionDefinition } from "../../core/case/kind.js";
import type { CaseKindRegistry } from "../../core/case/registry.js";
import { OwnerButtonSchema, type OwnerButton } from "../../core/domain/outbox.js";
import { LocaleSchema } from "../../core/domain/registry.js";
import { ComplaintSubjectSchema } from "../../core/kinds/complaint/details.js";
import { RepairCategorySchema } from "../../core/kinds/repair/details.js";
import { PriceCodeSchema } from "../../core/domain/prices.js";
import { ServiceTypeSchema } from "../../core/kinds/service/details.js";

/** Telegram rejects `callback_data` longer than this many bytes (BUTTON_DATA_INVALID). */
export const callbackDataMaxBytes = 64;

import { PreferredSlotSchema, type PreferredSlot } from "../../core/domain/preferred-time.js";

export { PreferredSlotSchema, type PreferredSlot };

export const RepairStepSchema = z.enum(["category", "description", "photos", "location", "time"]);
export type RepairStep = z.infer<typeof RepairStepSchema>;

/** The steps of the complaint intake an owner can go back to from its summary. */
export const ComplaintStepSchema = z.enum(["subject", "description", "when_where", "about", "request", "deadline", "photos", "unit"]);
export type ComplaintStep = z.infer<typeof ComplaintStepSchema>;

/** The two teams an owner books a paid service from. */
export const ServiceTeamSchema = z.enum(["cleaning", "greening"]);
export type ServiceTeam = z.infer<typeof ServiceTeamSchema>;

/** The steps of the service booking an owner can go back to from its summary. */
export const ServiceStepSchema = z.enum(["service", "quantity", "requests", "time", "unit"]);
export type ServiceStep = z.infer<typeof ServiceStepSchema>;

/** A quantity button (an area in square metres, a number of hours): digits with at most one decimal point. */
export const QuantityFieldSchema = z.string().regex(/^\d{1,5}(?:\.\d{1,2})?$/);

/** The deadline buttons of a complaint: in 1, 3 or 7 days from the reception, or none. */
export const DeadlineChoiceSchema = z.enum(["d1", "d3", "d7", "none"]);
export type DeadlineChoice = z.infer<typeof DeadlineChoiceSchema>;

/**
 * The bot's own buttons: language choice and the answers of conversation steps. Owner buttons
 * under notices are encoded apart, through the kinds' registry ({@link encodeOwnerButton}).
 * Buttons outlive deployments and restarts (an owner may press one a week later), so data is
 * parsed, never trusted: anything that does not decode is treated as an expired button.
 */
export const CallbackDataSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("language"), locale: LocaleSchema }),
  z.object({ type: z.literal("category"), category: RepairCategorySchema }),
  z.object({ type: z.literal("photos"), choice: z.enum(["done", "skip"]) }),
  /** `unitId` null means the public area. */
  z.object({ type: z.literal("location"), unitId: z.string().min(1).max(40).nullable() }),
  z.object({ type: z.literal("time"), slot: PreferredSlotSchema }),
  z.object({ type: z.literal("summary"), choice: z.enum(["submit", "edit", "cancel"]) }),
  z.object({ type: z.literal("edit"), step: RepairStepSchema }),
  /** A building of the register, offered to an owner who names their flat. */
  z.object({ type: z.literal("building"), building: z.string().min(1).max(20) }),
  /** After an address the register lacks: type it again, or pass it to the front desk to check. */
  z.object({ type: z.literal("verify"), choice: z.enum(["retry", "front_desk"]) }),
  z.object({ type: z.literal("subject"), subject: ComplaintSubjectSchema }),
  /** Skips an optional answer (who or which department a complaint is about). */
  z.object({ type: z.literal("skip"), field: z.enum(["about", "requests"]) }),
  z.object({ type: z.literal("deadline"), choice: DeadlineChoiceSchema }),
  z.object({ type: z.literal("complaint_edit"), step: ComplaintStepSchema }),
  z.object({ type: z.literal("service_team"), team: ServiceTeamSchema }),
  z.object({ type: z.literal("service_type"), serviceType: ServiceTypeSchema }),
  /** An item of the price standard, by its code. */
  z.object({ type: z.literal("price_item"), code: PriceCodeSchema }),
  z.object({ type: z.literal("quantity"), value: QuantityFieldSchema }),
  z.object({ type: z.literal("service_edit"), step: ServiceStepSchema }),
  /** The offer under an owner's free text: report it as a repair (the text is kept server-side). */
  z.object({ type: z.literal("free_text"), choice: z.enum(["repair"]) }),
]);
export type CallbackData = z.infer<typeof CallbackDataSchema>;

// `ob` (owner buttons) and `oa` (owner buttons from before kinds) are taken below.
const prefixes = {
  language: "lg",
  category: "ct",
  photos: "ph",
  location: "lc",
  time: "tm",
  summary: "sm",
  edit: "ed",
  free_text: "ft",
  building: "bd",
  verify: "vf",
  subject: "cs",
  skip: "sk",
  deadline: "dl",
  complaint_edit: "ce",
  service_team: "st",
  service_type: "sv",
  price_item: "pi",
  quantity: "qt",
  service_edit: "se",
} as const satisfies Record<CallbackData["type"], string>;

const publicArea = "-";

function fieldOf(data: CallbackData): string {
  switch (data.type) {
    case "language":
      return data.locale;
    case "category":
      return data.category;
    case "photos":
    case "summary":
    case "free_text":
    case "verify":
    case "deadline":
      return data.choice;
    case "subject":
      return data.subject;
    case "skip":
      return data.field;
    case "complaint_edit":
    case "service_edit":
      return data.step;
    case "service_team":
      return data.team;
    case "service_type":
      return data.serviceType;
    case "price_item":
      return data.code;
    case "quantity":
      return data.value;
    case "building":
      return data.building;
    case "location":
      return data.unitId ?? publicArea;
    case "time":
      return data.slot;
    case "edit":
      return data.step;
  }
}

/** Throws when `encoded` would exceed Telegram's 64 bytes: a programming error, better caught in tests than by users. */
export function checkCallbackDataSize(encoded: string, what: string): string {
  const bytes = Buffer.byteLength(encoded, "utf8");
  if (bytes > callbackDataMaxBytes) throw new Error(`callback data of ${what} is ${bytes} bytes; Telegram allows ${callbackDataMaxBytes}`);
  return encoded;
}

/**
 * Encodes button data as `prefix:field`; throws past Telegram's 64 bytes (see
 * {@link checkCallbackDataSize}) and for data {@link decodeCallbackData} would not read back (a
 * building name past 20 characters): such a button would answer every press as expired.
 */
export function encodeCallbackData(data: CallbackData): string {
  if (!CallbackDataSchema.safeParse(data).success) throw new Error(`callback data of type ${data.type} does not fit its schema, so it could never be read back`);
  const encoded = `${prefixes[data.type]}:${fieldOf(data)}`;
  if (fieldOf(data).includes(":")) throw new Error(`callback data of type ${data.type} holds ":", which ends its field`);
  return checkCallbackDataSize(encoded, `type ${data.type}`);
}

/** Whether a button with this data can be built: within 64 bytes and readable back. */
export function fitsCallbackData(data: CallbackData): boolean {
  try {
    encodeCallbackData(data);
    return true;
  } catch {
    return false;
  }
}

/** Decodes button data; null for anything unknown, malformed, from an older bot version, or an owner button. */
export function decodeCallbackData(raw: string | undefined): CallbackData | null {
  if (raw === undefined) return null;
  const [prefix, field, ...rest] = raw.split(":");
  if (rest.length > 0 || field === undefined) return null;
  const candidate = candidateOf(prefix, field);
  if (candidate === null) return null;
  const parsed = CallbackDataSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function candidateOf(prefix: string | undefined, field: string): unknown {
  switch (prefix) {
    case prefixes.language:
      return { type: "language", locale: field };
    case prefixes.category:
      return { type: "category", category: field };
    case prefixes.photos:
      return { type: "photos", choice: field };
    case prefixes.location:
      return { type: "location", unitId: field === publicArea ? null : field };
    case prefixes.time:
      return { type: "time", slot: field };
    case prefixes.summary:
      return { type: "summary", choice: field };
    case prefixes.edit:
      return { type: "edit", step: field };
    case prefixes.free_text:
      return { type: "free_text", choice: field };
    case prefixes.building:
      return { type: "building", building: field };
    case prefixes.verify:
      return { type: "verify", choice: field };
    case prefixes.subject:
      return { type: "subject", subject: field };
    case prefixes.skip:
      return { type: "skip", field };
    case prefixes.deadline:
      return { type: "deadline", choice: field };
    case prefixes.complaint_edit:
      return { type: "complaint_edit", step: field };
    case prefixes.service_team:
      return { type: "service_team", team: field };
    case prefixes.service_type:
      return { type: "service_type", serviceType: field };
    case prefixes.price_item:
      return { type: "price_item", code: field };
    case prefixes.quantity:
      return { type: "quantity", value: field };
    case prefixes.service_edit:
      return { type: "service_edit", step: field };
    default:
      return null;
  }
}

/** An owner button as decoded: the generic `{ kind, action, caseId, arg }` the outbox carries. */
export interface OwnerButtonData {
  type: "owner_button";
  button: OwnerButton;
}

const ownerButtonPrefix = "ob";

/**
 * Owner buttons from before kinds existed, `oa:<code>:<caseId>[:<seconds>]`: all were repair
 * buttons, with the action codes repair still declares. Owners press them weeks after they were
 * sent (case ids did not change), so they keep decoding as repair buttons; repair must keep
 * those four codes for that.
 */
const legacyOwnerButton = { prefix: "oa", kind: "repair" } as const;

/** Fields are separated by `:`, so none may hold one (nor be empty). */
const fieldPattern = /^[^:]+$/;

interface ArgumentCodec {
  /** The field for `arg`, or null when `arg` is not a value of the type. */
  encode(arg: string): string | null;
  /** `arg` back from its field, or null when the field is malformed. */
  decode(field: string): string | null;
}

/**
 * One codec per argument type an owner action can declare. An instant travels as epoch seconds
 * (10 digits instead of a 24-character ISO string) so a UUID case id stays within 64 bytes, and
 * comes back as the ISO string `Date.toISOString()` gives, which the kinds compare against.
 */
const argumentCodecs: Record<NonNullable<OwnerActionDefinition["argument"]>, ArgumentCodec> = {
  instant: {
    encode(arg) {
      const ms = Date.parse(arg);
      return Number.isFinite(ms) && ms >= 0 && ms % 1000 === 0 ? String(ms / 1000) : null;
    },
    decode(field) {
      return /^\d{1,11}$/.test(field) ? new Date(Number(field) * 1000).toISOString() : null;
    },
  },
};

/** The owner action a button names; throws for one this deployment does not define (a programming error). */
export function requireOwnerAction(registry: CaseKindRegistry, button: OwnerButton): OwnerActionDefinition {
  const action = registry.ownerAction(button.kind, button.action);
  if (!action) throw new Error(`owner button names ${button.kind}/${button.action}, which no kind defines`);
  return action;
}

/**
 * Encodes an owner button as `ob:<kind prefix>:<action code>:<caseId>[:<argument>]`, looking the
 * kind's prefix and the action's code and argument type up in the registry, so a new kind or
 * action needs no change here. Throws when the button names an unknown action, carries an
 * argument its action does not declare (or lacks one it requires), or would exceed 64 bytes: call it
 * where the keyboard is built, so the mistake surfaces in tests rather than as a button Telegram rejects.
 */
export function encodeOwnerButton(registry: CaseKindRegistry, button: OwnerButton): string {
  const action = requireOwnerAction(registry, button);
  const what = `owner button ${button.kind}/${button.action}`;
  const fields = [ownerButtonPrefix, registry.kind(button.kind).prefix, action.code, button.caseId];
  if (action.argument === null) {
    if (button.arg !== undefined) throw new Error(`${what} takes no argument, got "${button.arg}"`);
  } else if (button.arg !== undefined || !action.argumentOptional) {
    const field = button.arg === undefined ? null : argumentCodecs[action.argument].encode(button.arg);
    if (field === null) throw new Error(`${what} needs an argument of type ${action.argument}, got "${button.arg ?? ""}"`);
    fields.push(field);
  }
  const bad = fields.find((field) => !fieldPattern.test(field));
  if (bad !== undefined) throw new Error(`${what} has a field that is empty or holds ":" ("${bad}")`);
  return checkCallbackDataSize(fields.join(":"), what);
}

/**
 * Decodes an owner button (and the repair buttons of the older `oa:` format); null for anything
 * else, and for a kind, action or argument this deployment does not know: such a button is
 * answered as expired.
 */
export function decodeOwnerButton(registry: CaseKindRegistry, raw: string | undefined): OwnerButtonData | null {
  if (raw === undefined) return null;
  const [prefix, ...fields] = raw.split(":");
  if (prefix === ownerButtonPrefix) {
    const [kindPrefix, ...rest] = fields;
    const kind = registry.list().find((candidate) => candidate.prefix === kindPrefix);
    return kind ? decodeOwnerFields(kind, rest) : null;
  }
  if (prefix === legacyOwnerButton.prefix && registry.has(legacyOwnerButton.kind)) {
    return decodeOwnerFields(registry.kind(legacyOwnerButton.kind), fields);
  }
  return null;
}

function decodeOwnerFields(kind: CaseKind, [code, caseId, argField, ...rest]: string[]): OwnerButtonData | null {
  if (rest.length > 0 || !code || !caseId) return null;
  const found = Object.entries(kind.ownerActions).find(([, candidate]) => candidate.code === code);
  if (!found) return null;
  const [action, definition] = found;
  let arg: string | undefined;
  if (definition.argument === null) {
    if (argField !== undefined) return null;
  } else if (argField !== undefined || !definition.argumentOptional) {
    const decoded = argField === undefined ? null : argumentCodecs[definition.argument].decode(argField);
    if (decoded === null) return null;
    arg = decoded;
  }
  const parsed = OwnerButtonSchema.safeParse({ kind: kind.id, action, caseId, ...(arg === undefined ? {} : { arg }) });
  return parsed.success ? { type: "owner_button", button: parsed.data } : null;
}
