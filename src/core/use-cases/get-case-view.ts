import type { Case, CaseEvent } from "../case/case.js";
import type { Clock } from "../case/clock.js";
import type { CaseKindRegistry } from "../case/registry.js";
import type { Callback } from "../domain/callback.js";
import type { Charge } from "../domain/fees.js";
import type { PriceItem } from "../domain/prices.js";
import type { Receipt } from "../domain/receipts.js";
import type { Resident, StaffMember, Unit } from "../domain/registry.js";
import type { Store } from "../ports/store.js";
import type { WorkOrder } from "../domain/work-orders.js";

/** Everything a case's card or a prompt about it shows, read in one transaction. */
export interface CaseView<D = unknown> {
  subject: Case<D>;
  unit: Unit | null;
  reporter: Resident | null;
  assignee: StaffMember | null;
  /** Running clocks, soonest due first. */
  clocks: Clock[];
  callback: Callback | null;
  recentEvents: CaseEvent[];
  /** Staff names by id, for rendering event actors. */
  staffNames: Record<string, string>;
  /** The lifecycle actions the card offers now (the kind's `cardActions`). */
  actions: string[];
  /** Numbers of the other cases asked for (`caseIds`), by id: a complaint's card names its harm repair. */
  caseNumbers?: Record<string, string>;
  /** The case's work orders by sequence, when asked for (`workOrders`): a service order's register. */
  workOrders?: WorkOrder[];
  /** The case's receipts, oldest first, when asked for (`receipts`). */
  receipts?: Receipt[];
  /** Items of the price standard asked for (`priceCodes`), by code: a service card names the item booked. */
  priceItems?: Record<string, PriceItem>;
  /** The household's charges by period then fee type, when asked for (`charges`): a fee case's card lists what is owed (and `caseNumbers` then names the complaints disputing them). */
  charges?: Charge[];
}

/** What a view reads besides the case; each part only when asked for, so a repair's card reads no register. */
export interface CaseViewOptions {
  events?: number;
  callbackId?: string;
  caseIds?: readonly string[];
  workOrders?: boolean;
  receipts?: boolean;
  priceCodes?: readonly string[];
  charges?: boolean;
}

export async function getCaseView(
  store: Store,
  kinds: CaseKindRegistry,
  caseId: string,
  options: CaseViewOptions = {},
): Promise<CaseView | null> {
  const subject = await store.cases.findById(caseId);
  if (!subject) return null;
  const [unit, reporter, assignee, clocks, recentEvents] = await Promise.all([
    store.units.findById(subject.unitId),
    store.residents.findById(subject.reporterId),
    subject.assigneeId ? store.staff.findById(subject.assigneeId) : Promise.resolve(null),
    store.clocks.listRunning(subject.id),
    store.cases.listEvents(subject.id, options.events ?? 5),
  ]);
  const callback = options.callbackId ? await store.callbacks.findById(options.callbackId) : await store.callbacks.findOpenByCase(subject.id);
  const staffNames: Record<string, string> = {};
  for (const event of recentEvents) {
    if (event.actor.type === "staff" && !(event.actor.id in staffNames)) {
      const member = await store.staff.findById(event.actor.id);
      if (member) staffNames[member.id] = member.name;
    }
  }
  const charges = options.charges ? await store.charges.listByUnit(subject.unitId) : null;
  // A charge the owner disputes names its complaint by number.
  const disputes = (charges ?? []).flatMap((charge) => (charge.disputeCaseId ? [charge.disputeCaseId] : []));
  const caseNumbers: Record<string, string> = {};
  for (const id of new Set([...(options.caseIds ?? []), ...disputes])) {
    const other = await store.cases.findById(id);
    if (other) caseNumbers[id] = other.number;
  }
  const priceItems: Record<string, PriceItem> = {};
  for (const code of options.priceCodes ?? []) {
    const item = await store.prices.findByCode(code);
    if (item) priceItems[code] = item;
  }
  return {
    subject,
    unit,
    reporter,
    assignee,
    clocks: [...clocks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
    callback,
    recentEvents,
    staffNames,
    actions: kinds.kindOf(subject).cardActions(subject),
    caseNumbers,
    ...(options.workOrders ? { workOrders: await store.workOrders.listByCase(subject.id) } : {}),
    ...(options.receipts ? { receipts: await store.receipts.listByCase(subject.id) } : {}),
    ...(options.priceCodes ? { priceItems } : {}),
    ...(charges ? { charges } : {}),
  };
}
