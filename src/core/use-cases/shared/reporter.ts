import { z } from "zod";
import { requireFrontDesk, requireStaff } from "../../case/machinery/staff-access.js";
import { WorkflowError } from "../../domain/errors.js";
import { type OwnerIdentity, PhoneSchema, type Resident, type StaffMember, type Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";

/** Who reports through the owners' bot: the verified identity, the resident it stands for, and the unit. */
export interface OwnerReporter {
  identity: OwnerIdentity;
  resident: Resident;
  unit: Unit;
}

/**
 * The verified owner behind a messaging identity, as the resident of `unitId` (their first unit
 * when omitted). An owner whose phone no longer belongs to any resident (removed by a registry
 * re-import, their flat sold) is `not_verified`, not mistaken about a unit.
 */
export async function requireOwnerReporter(store: Store, ownerUserId: string, unitId?: string): Promise<OwnerReporter> {
  const identity = await store.identities.find(ownerUserId);
  if (!identity?.verified || !identity.phone) throw new WorkflowError("not_verified", `owner ${ownerUserId} is not verified`);
  const residents = await store.residents.findByPhone(identity.phone);
  if (residents.length === 0) throw new WorkflowError("not_verified", `owner ${ownerUserId} has no residents left`);
  const resident = residents.find((candidate) => !unitId || candidate.unitId === unitId);
  if (!resident) throw new WorkflowError("unit_not_found", `owner ${ownerUserId} has no unit ${unitId ?? ""}`);
  const unit = await store.units.findById(resident.unitId);
  if (!unit) throw new WorkflowError("unit_not_found", `unit ${resident.unitId} vanished`);
  return { identity, resident, unit };
}

/** The caller the front desk takes a request from: one of the unit's residents, or someone new with a name and a phone. */
export const CallerSchema = z.union([
  z.object({ residentId: z.string().min(1) }),
  z.object({ name: z.string().trim().min(1).max(100), phone: PhoneSchema }),
]);
export type Caller = z.infer<typeof CallerSchema>;

/** Where the front desk's form says the request is from. */
export const IntakeAddressSchema = z.object({
  staffUserId: z.string(),
  building: z.string().trim().min(1).max(20),
  unit: z.string().trim().min(1).max(20),
  caller: CallerSchema,
});

/** What a request the front desk records for an owner is made of: who took it, the unit, the caller and their identity on the bot. */
export interface FrontDeskIntake {
  staff: StaffMember;
  unit: Unit;
  caller: Resident;
  /** The caller's verified identity on the owners' bot, told of the request; null when they are not on it. */
  identity: OwnerIdentity | null;
}

/**
 * The checks and look-ups of a request taken by phone, at the counter or by letter: the clicker
 * is the front desk, the unit exists, the caller is one of its residents or is registered to it
 * as vouched for by the front desk.
 */
export async function requireFrontDeskIntake(store: Store, input: z.infer<typeof IntakeAddressSchema>): Promise<FrontDeskIntake> {
  const staff = await requireStaff(store, input.staffUserId);
  await requireFrontDesk(store, staff, `${input.building}-${input.unit}`, "take_request");
  const unit = await store.units.findByAddress(input.building, input.unit);
  if (!unit) throw new WorkflowError("unit_not_found", `no unit ${input.building}-${input.unit}`, { building: input.building, unit: input.unit });
  let caller: Resident | null;
  if ("residentId" in input.caller) {
    caller = await store.residents.findById(input.caller.residentId);
    if (!caller || caller.unitId !== unit.id) throw new WorkflowError("not_found", `resident ${input.caller.residentId} is not of ${unit.id}`);
  } else {
    caller = await store.residents.upsert({ unitId: unit.id, name: input.caller.name, phone: input.caller.phone, locale: "zh-CN", role: "owner", source: "front_desk" });
  }
  const identity = (await store.identities.findVerifiedByPhone(caller.phone))[0] ?? null;
  return { staff, unit, caller, identity };
}
