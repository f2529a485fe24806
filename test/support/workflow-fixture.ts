import type { UnitOfWork } from "../../src/core/ports/store.js";
import type { WorkflowContext } from "../../src/core/ports/workflow-context.js";
import { productRegistry } from "../../src/core/kinds/index.js";
import type { RepairCase, RepairCategory } from "../../src/core/kinds/repair/details.js";
import { importStaff } from "../../src/core/use-cases/import-staff.js";
import { importUnits } from "../../src/core/use-cases/import-units.js";
import { registerOwnerIdentity } from "../../src/core/use-cases/register-owner-identity.js";
import { reportRepair, type ReportRepairInput } from "../../src/core/kinds/repair/use-cases/report-repair.js";
import { shareContact } from "../../src/core/use-cases/share-contact.js";
import { createMemoryStore, type MemoryStore } from "../../src/testing/memory-store.js";

/** A clock the test moves by hand. */
export class ManualTime {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}

export const hour = 3_600_000;
export const day = 24 * hour;

export function unitRow(overrides: Partial<Record<string, string>> = {}) {
  return {
    building: "3",
    unit: "1202",
    area_m2: "89.5",
    handover_date: "2025-06-01",
    warranty_months: "24",
    owner_name: "王芳",
    phone: "+8613800000001",
    language: "zh-CN",
    ...overrides,
  };
}

export const staffRows = [
  { slack_user_id: "UFRONT1", name: "Lily Chen", team: "frontdesk", role: "member" },
  { slack_user_id: "UFRONTL", name: "Grace Wu", team: "frontdesk", role: "leader" },
  { slack_user_id: "UMAINT1", name: "Zhang Wei", team: "maintenance", role: "member" },
  { slack_user_id: "UMAINT2", name: "Li Qiang", team: "maintenance", role: "member" },
  { slack_user_id: "UMAINTL", name: "Zhao Lei", team: "maintenance", role: "leader" },
  { slack_user_id: "UCLEAN1", name: "Sun Mei", team: "cleaning", role: "member" },
  { slack_user_id: "UMANAGR", name: "Liu Yang", team: "manager", role: "manager" },
];

export interface Fixture {
  store: UnitOfWork;
  time: ManualTime;
  ctx: WorkflowContext;
}

/**
 * A property with one owner per unit row, the staff above, and the time at 2026-11-30 10:00 in
 * Shanghai (02:00 UTC). Runs against the given store (memory by default, a real database in the
 * persistence suites).
 */
export async function createFixture(options: { store?: UnitOfWork; units?: Record<string, string>[]; at?: string } = {}): Promise<Fixture & { memory: MemoryStore | null }> {
  const memory = options.store ? null : createMemoryStore();
  const store = options.store ?? (memory as MemoryStore);
  const time = new ManualTime(new Date(options.at ?? "2026-11-30T02:00:00Z"));
  const ctx: WorkflowContext = { uow: store, time, timeZone: "Asia/Shanghai", kinds: productRegistry() };
  const units = options.units ?? [unitRow()];
  const unitsResult = await importUnits(ctx, units.map((values, index) => ({ line: index + 2, values })));
  if (!unitsResult.ok) throw new Error(JSON.stringify(unitsResult.problems));
  const staffResult = await importStaff(ctx, staffRows.map((values, index) => ({ line: index + 2, values })));
  if (!staffResult.ok) throw new Error(JSON.stringify(staffResult.problems));
  return { store, time, ctx, memory };
}

/** A Telegram owner who shared the registry phone, so they are verified. */
export async function verifiedOwner(ctx: WorkflowContext, ownerUserId = "7001", phone = "+8613800000001") {
  await registerOwnerIdentity(ctx, { ownerUserId, chatId: ownerUserId, displayName: "Wang Fang", languageCode: "zh-hans", defaultLocale: "zh-CN" });
  await shareContact(ctx, { ownerUserId, contactUserId: ownerUserId, phone });
  return ownerUserId;
}

export async function reportedRepair(ctx: WorkflowContext, overrides: Partial<ReportRepairInput> & { category?: RepairCategory } = {}): Promise<RepairCase> {
  const ownerUserId = overrides.ownerUserId ?? (await verifiedOwner(ctx));
  return reportRepair(ctx, {
    ownerUserId,
    category: "plumbing",
    description: "Kitchen tap drips all night",
    photos: ["photo-1", "photo-2"],
    publicArea: null,
    preferredTime: "Tomorrow morning",
    ...overrides,
  });
}
