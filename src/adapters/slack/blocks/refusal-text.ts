import type { WorkflowError } from "../../../core/domain/errors.js";
import type { Translate } from "./format.js";

const param = (error: WorkflowError, name: string): string => String(error.params[name] ?? "");

/**
 * The sentence a refused staff click gets: why it was refused and who could have done it
 * (`…Only the Maintenance leader (Zhao Lei) or the front desk can assign R-2026-000001.`), or
 * for a case in the wrong state, what state it is in. Null for any other error, which keeps
 * its `common:errors.<code>` sentence. Labels (teams, roles, actions, statuses) are looked up
 * here so the core's error carries codes only.
 */
export function refusalText(t: Translate, error: WorkflowError): string | null {
  const action = param(error, "action");
  const actionLabel = action === "" ? "" : t(`staff:actions.${action}`);
  if (error.code === "invalid_transition" && action !== "" && error.params.status !== undefined) {
    return t("staff:refusals.wrong_state", { number: param(error, "number"), actionLabel, statusLabel: t(`common:status.${param(error, "status")}`) });
  }
  if (error.code !== "forbidden" || error.params.reason === undefined) return null;
  const named = (name: string): string => (name === "" ? "" : t("staff:refusals.named", { name }));
  const params = {
    number: param(error, "number"),
    actionLabel,
    teamLabel: t(`staff:team_names.${param(error, "team")}`),
    yourTeamLabel: t(`staff:team_names.${param(error, "yourTeam")}`),
    yourRoleLabel: t(`staff:roles.${param(error, "yourRole")}`),
    leaderName: named(param(error, "leader")),
    assignee: param(error, "assignee"),
    assigneeName: named(param(error, "assignee")),
  };
  const why = t(`staff:refusals.why.${param(error, "reason")}`, params);
  // A right no team holds is a manager's alone (Refer to legal).
  const only = t(`staff:refusals.only.${param(error, "holders") || "manager"}`, params);
  return t("staff:refusals.sentence", { why, only });
}
