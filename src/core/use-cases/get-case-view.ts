import type { Case, CaseEvent } from "../case/case.js";
import type { Clock } from "../case/clock.js";
import type { CaseKindRegistry } from "../case/registry.js";
import type { Callback } from "../domain/callback.js";
import type { Resident, StaffMember, Unit } from "../domain/registry.js";
import type { Store } from "../ports/store.js";

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
}

export async function getCaseView(
  store: Store,
  kinds: CaseKindRegistry,
  caseId: string,
  options: { events?: number; callbackId?: string; caseIds?: readonly string[] } = {},
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
  const caseNumbers: Record<string, string> = {};
  for (const id of options.caseIds ?? []) {
    const other = await store.cases.findById(id);
    if (other) caseNumbers[id] = other.number;
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
  };
}
