import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { readCsv } from "../app/read-csv.js";
import type { Locale, StaffRole, Team } from "../core/domain/registry.js";
import type { WorkflowContext } from "../core/ports/workflow-context.js";
import { importPrices } from "../core/use-cases/import-prices.js";
import { importStaff } from "../core/use-cases/import-staff.js";
import { importUnits } from "../core/use-cases/import-units.js";
import type { NumberedRow } from "../core/use-cases/shared/import-rows.js";
import { teams } from "../core/domain/registry.js";

/** The demo property, as the page and the Slack workspace name it. */
export const demoProperty = { name: "Sunny Gardens", localName: "阳光花园" } as const;

/**
 * An owner the page can play: a Telegram user with a fixed id, and the phone their Telegram
 * account would share. `registered` owners' phones are in the demo register, so sharing the
 * contact verifies them at once; the others go through the front desk's verification card.
 */
export interface DemoOwner {
  ownerUserId: number;
  firstName: string;
  lastName?: string;
  /** What the Telegram client says; decides the bot's first language. */
  languageCode: string;
  locale: Locale;
  phone: string;
  registered: boolean;
  /** What the page tells the player about this owner (English; the page's own language). */
  note: string;
  /** The unit to name when the bot asks (unregistered owners only). */
  claims?: { building: string; unit: string };
}

/** Five owners: both languages, in and out of warranty, one with two flats, one not yet in the register. */
export const demoOwners: readonly DemoOwner[] = [
  { ownerUserId: 710_001, firstName: "王芳", languageCode: "zh-hans", locale: "zh-CN", phone: "+8613800000001", registered: true, note: "3-1202 · in warranty · Chinese" },
  { ownerUserId: 710_002, firstName: "Tom", lastName: "Baker", languageCode: "en", locale: "en", phone: "+8613900000002", registered: true, note: "5-0801 · out of warranty (paid repairs) · English" },
  { ownerUserId: 710_003, firstName: "李建国", languageCode: "zh-hans", locale: "zh-CN", phone: "+8613800000003", registered: true, note: "owns 3-0302 and 5-1101 · Chinese" },
  { ownerUserId: 710_004, firstName: "Emma", lastName: "Liu", languageCode: "en", locale: "en", phone: "+8613900000004", registered: true, note: "5-1504 · in warranty · English" },
  {
    ownerUserId: 710_005,
    firstName: "陈静",
    languageCode: "zh-hans",
    locale: "zh-CN",
    phone: "+8613700000099",
    registered: false,
    note: "new tenant, phone not in the register · says 5-0802",
    claims: { building: "5", unit: "0802" },
  },
];

/** A staff member the page can act as in Slack. */
export interface DemoStaffMember {
  staffUserId: string;
  name: string;
  team: Team;
  role: StaffRole;
}

/** Every team and every role, so each card has someone allowed to act on it and someone who is not. */
export const demoStaff: readonly DemoStaffMember[] = [
  { staffUserId: "U0FD01", name: "Lily Chen", team: "frontdesk", role: "member" },
  { staffUserId: "U0FD02", name: "Grace Wu", team: "frontdesk", role: "leader" },
  { staffUserId: "U0MT01", name: "Zhang Wei", team: "maintenance", role: "member" },
  { staffUserId: "U0MT02", name: "Liu Yang", team: "maintenance", role: "member" },
  { staffUserId: "U0MT03", name: "Zhao Lei", team: "maintenance", role: "leader" },
  { staffUserId: "U0CL01", name: "Sun Mei", team: "cleaning", role: "member" },
  { staffUserId: "U0CL02", name: "Huang Min", team: "cleaning", role: "leader" },
  { staffUserId: "U0GR01", name: "Zhou Jie", team: "greening", role: "leader" },
  { staffUserId: "U0SC01", name: "Ma Tao", team: "security", role: "leader" },
  { staffUserId: "U0MG01", name: "Wang Jun", team: "manager", role: "manager" },
];

/** One Slack channel per team, with fixed ids so cards keep their place across restarts. */
export const demoChannels: Readonly<Record<Team, { id: string; name: string }>> = {
  frontdesk: { id: "C0FRONTDESK", name: "frontdesk" },
  maintenance: { id: "C0MAINTENANCE", name: "maintenance" },
  cleaning: { id: "C0CLEANING", name: "cleaning" },
  greening: { id: "C0GREENING", name: "greening" },
  security: { id: "C0SECURITY", name: "security" },
  manager: { id: "C0MANAGEMENT", name: "management" },
};

/** Ages of the flats at load time: in warranty (months since handover < 24) or long past it. */
interface DemoUnit {
  building: string;
  unit: string;
  areaM2: number;
  monthsSinceHandover: number;
  owner: string;
  phone: string;
  language: Locale;
}

const demoUnits: readonly DemoUnit[] = [
  { building: "3", unit: "0302", areaM2: 76.2, monthsSinceHandover: 70, owner: "李建国", phone: "+8613800000003", language: "zh-CN" },
  { building: "3", unit: "1202", areaM2: 89.5, monthsSinceHandover: 8, owner: "王芳", phone: "+8613800000001", language: "zh-CN" },
  { building: "3", unit: "1501", areaM2: 102, monthsSinceHandover: 14, owner: "Sophie Martin", phone: "+8613900000006", language: "en" },
  { building: "5", unit: "0801", areaM2: 120, monthsSinceHandover: 92, owner: "Tom Baker", phone: "+8613900000002", language: "en" },
  { building: "5", unit: "0802", areaM2: 118, monthsSinceHandover: 92, owner: "周强", phone: "+8613800000005", language: "zh-CN" },
  { building: "5", unit: "1101", areaM2: 95.8, monthsSinceHandover: 30, owner: "李建国", phone: "+8613800000003", language: "zh-CN" },
  { building: "5", unit: "1504", areaM2: 132.4, monthsSinceHandover: 5, owner: "Emma Liu", phone: "+8613900000004", language: "en" },
];

const warrantyMonths = 24;

/** The register in the CSV shape the admin import reads, so demo data goes through the same validation. */
export function demoUnitRows(today: Date): NumberedRow[] {
  return demoUnits.map((unit, index) => {
    const handover = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - unit.monthsSinceHandover, 1));
    return {
      line: index + 2,
      values: {
        building: unit.building,
        unit: unit.unit,
        area_m2: String(unit.areaM2),
        handover_date: handover.toISOString().slice(0, 10),
        warranty_months: String(warrantyMonths),
        owner_name: unit.owner,
        phone: unit.phone,
        language: unit.language,
      },
    };
  });
}

/** The staff in the CSV shape of `import staff`. */
export function demoStaffRows(): NumberedRow[] {
  return demoStaff.map((member, index) => ({
    line: index + 2,
    values: { slack_user_id: member.staffUserId, name: member.name, team: member.team, role: member.role },
  }));
}

/**
 * The sample price standard that ships in the repository (samples/prices.csv): the demo loads
 * the file itself through `import prices`, so the sample a newcomer reads is the one they play with.
 */
export const demoPricesFile = fileURLToPath(new URL("../../samples/prices.csv", import.meta.url));

/** The key-value entry marking a database as the playground's; its generation changes on every reset. */
export const demoMarkerKey = "playground:demo";

/** The marker's stored JSON; `generation` lets a running playground notice a reset made by the CLI. */
export const DemoMarkerSchema = z.object({ version: z.literal(1), generation: z.string().min(1), loadedAt: z.string() });
export type DemoMarker = z.infer<typeof DemoMarkerSchema>;

/** The marker, or null for a database never loaded with the demo (or one whose marker does not parse). */
export async function readDemoMarker(ctx: WorkflowContext): Promise<DemoMarker | null> {
  const raw = await ctx.uow.transaction((store) => store.keyValues.get(demoMarkerKey));
  if (raw === null) return null;
  try {
    const parsed = DemoMarkerSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Refuses to touch a database that holds a register which is not the demo's. */
export class NotADemoDatabaseError extends Error {
  override readonly name = "NotADemoDatabaseError";
}

async function hasStaff(ctx: WorkflowContext): Promise<boolean> {
  return ctx.uow.transaction(async (store) => {
    for (const team of teams) if ((await store.staff.listByTeam(team)).length > 0) return true;
    return false;
  });
}

/**
 * Loads the demo register once: units of two buildings (some out of warranty), their owners in
 * both languages, staff of every team and role, and the sample price standard, through the same
 * import use cases as the admin CLI. A database already marked is left alone, so a restart keeps everything played so
 * far. A database with staff but no marker is someone's real register and is refused.
 */
export async function loadDemoData(ctx: WorkflowContext): Promise<{ loaded: boolean; marker: DemoMarker }> {
  const existing = await readDemoMarker(ctx);
  if (existing) return { loaded: false, marker: existing };
  if (await hasStaff(ctx)) {
    throw new NotADemoDatabaseError("this database already holds a staff register that is not the demo's; set DATABASE_URL to another file for the playground");
  }
  const units = await importUnits(ctx, demoUnitRows(ctx.time.now()));
  const staff = await importStaff(ctx, demoStaffRows());
  const prices = await importPrices(ctx, await readCsv(demoPricesFile));
  if (!units.ok || !staff.ok || !prices.ok) {
    const problems = ([["units", units], ["staff", staff], ["samples/prices.csv", prices]] as const).flatMap(([what, result]) =>
      result.ok ? [] : result.problems.map((p) => `${what} line ${p.line}: ${p.reason}`),
    );
    throw new Error(`demo data does not pass the import rules: ${problems.join("; ")}`);
  }
  const marker: DemoMarker = { version: 1, generation: randomUUID(), loadedAt: new Date().toISOString() };
  await ctx.uow.transaction((store) => store.keyValues.set(demoMarkerKey, JSON.stringify(marker)));
  return { loaded: true, marker };
}

/**
 * Wipes every row and loads the demo again. `wipe` empties the whole database, so this refuses
 * one that was never the playground's (no marker, yet a staff register).
 */
export async function resetDemoData(ctx: WorkflowContext, wipe: () => Promise<void>): Promise<DemoMarker> {
  if (!(await readDemoMarker(ctx)) && (await hasStaff(ctx))) {
    throw new NotADemoDatabaseError("refusing to reset: this database was not loaded with the demo data (is DATABASE_URL your real database?)");
  }
  await wipe();
  return (await loadDemoData(ctx)).marker;
}
