import type { StaffMember, Team } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** Members of a team, for the Assign modal. */
export async function listTeamStaff(ctx: WorkflowContext, team: Team): Promise<StaffMember[]> {
  return ctx.uow.transaction((store) => store.staff.listByTeam(team));
}
