import type { WorkflowContext } from "../ports/workflow-context.js";

/** The register's buildings, for an owner to pick theirs from buttons instead of guessing its spelling. */
export async function listBuildings(ctx: WorkflowContext): Promise<string[]> {
  return ctx.uow.transaction((store) => store.units.listBuildings());
}
