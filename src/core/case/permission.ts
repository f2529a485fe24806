import { WorkflowError } from "../domain/errors.js";
import type { StaffMember, Team } from "../domain/registry.js";
import type { Store } from "../ports/store.js";

/**
 * Who may take an action, in words a refusal can repeat: members of the case's team, its
 * leader, the person assigned, the front desk. Managers may do everything and are never listed.
 */
export type PermissionHolder = "team_member" | "team_leader" | "assignee" | "frontdesk";

/** Fixed order, so a set of holders has one locale key (`assignee+team_leader+frontdesk`). */
const holderOrder: readonly PermissionHolder[] = ["team_member", "assignee", "team_leader", "frontdesk"];

/** Why a click was refused: another team's work, the wrong role in the right team, another person's job. */
export type RefusalReason = "wrong_team" | "wrong_role" | "not_assignee" | "unassigned";

/** What a permission is checked against: the case's team and assignee. */
export interface PermissionSubject {
  team: Team;
  assigneeId: string | null;
}

/** Whether `staff` is one of `holders` for `subject`; a manager always is. */
export function holdsPermission(staff: StaffMember, holders: readonly PermissionHolder[], subject: PermissionSubject): boolean {
  if (staff.role === "manager") return true;
  const ownTeam = staff.team === subject.team;
  return holders.some((holder) => {
    switch (holder) {
      case "team_member":
        return ownTeam;
      case "team_leader":
        return ownTeam && staff.role === "leader";
      case "assignee":
        return subject.assigneeId !== null && subject.assigneeId === staff.id;
      case "frontdesk":
        return staff.team === "frontdesk";
    }
  });
}

/**
 * The `forbidden` error for a refused click, carrying why and who could have: the team that
 * holds the right, its leader's name, the assignee's name. A refusal that names nobody sends
 * the clicker to ask around; naming the leader sends them to the right person at once.
 */
export async function refusal(
  store: Store,
  staff: StaffMember,
  holders: readonly PermissionHolder[],
  subject: PermissionSubject,
  what: { action: string; number: string },
): Promise<WorkflowError> {
  const team: Team = holders.length === 1 && holders[0] === "frontdesk" ? "frontdesk" : subject.team;
  const leader = (await store.staff.listByTeam(team, "leader"))[0]?.name ?? "";
  const assignee = subject.assigneeId === null ? "" : ((await store.staff.findById(subject.assigneeId))?.name ?? "");
  let reason: RefusalReason = staff.team === team ? "wrong_role" : "wrong_team";
  if (reason === "wrong_role" && holders.includes("assignee")) reason = subject.assigneeId === null ? "unassigned" : "not_assignee";
  const sorted = holderOrder.filter((holder) => holders.includes(holder));
  return new WorkflowError("forbidden", `${staff.staffUserId} (${staff.team}/${staff.role}) may not ${what.action} ${what.number}: ${reason}`, {
    number: what.number,
    action: what.action,
    reason,
    holders: sorted.join("+"),
    team,
    yourTeam: staff.team,
    yourRole: staff.role,
    leader,
    assignee,
  });
}
