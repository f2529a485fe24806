import type { StaffRole, Team } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";

/** Staff user ids to @mention for an escalation; falls back to the team's managers when it has no leader. */
export async function mentionsFor(store: Store, target: { team: Team; role: StaffRole }): Promise<string[]> {
  const chosen = await store.staff.listByTeam(target.team, target.role);
  const people = chosen.length > 0 ? chosen : await store.staff.listByTeam("manager");
  return people.map((member) => member.staffUserId);
}

export function frontDeskLeaderMentions(store: Store): Promise<string[]> {
  return mentionsFor(store, { team: "frontdesk", role: "leader" });
}
