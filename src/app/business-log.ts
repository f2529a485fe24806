import type { Logger } from "pino";
import type { CaseEvent } from "../core/case/case.js";
import type { Store, UnitOfWork } from "../core/ports/store.js";

/**
 * The operator's log: one line per business event (`case event`), after its transaction
 * committed, naming the case number, the action, the statuses and the actor's team and role.
 * Never the event's data, a name or a phone: the log leaves the building (log shippers, support
 * tickets), the case history does not. A rolled-back transaction logs nothing.
 */
export function loggingBusinessEvents(uow: UnitOfWork, logger: Logger): UnitOfWork {
  return {
    async transaction(work) {
      let lines: Record<string, unknown>[] = [];
      const result = await uow.transaction(async (store) => {
        // A unit of work may run `work` again (a serialisation retry): only the last run counts.
        lines = [];
        const logged: Store = {
          ...store,
          cases: {
            ...store.cases,
            appendEvent: async (event) => {
              await store.cases.appendEvent(event);
              lines.push(await describe(store, event));
            },
          },
        };
        return work(logged);
      });
      for (const line of lines) logger.info(line, "case event");
      return result;
    },
  };
}

async function describe(store: Store, event: CaseEvent): Promise<Record<string, unknown>> {
  const subject = await store.cases.findById(event.caseId);
  let actor: string = event.actor.type;
  if (event.actor.type === "staff") {
    const staff = await store.staff.findById(event.actor.id);
    if (staff) actor = `${staff.team} ${staff.role}`;
  }
  return { case: subject?.number ?? event.caseId, kind: subject?.kind, action: event.type, fromStatus: event.fromStatus, toStatus: event.toStatus, actor };
}
