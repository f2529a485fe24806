import { z } from "zod";
import { teams } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type ImportResult, type NumberedRow, type UniqueKey, validateRows } from "./shared/import-rows.js";

export const StaffImportRowSchema = z.object({
  slack_user_id: z.string().trim().regex(/^[UW][A-Z0-9]{2,}$/, "slack_user_id must look like U012ABCDEF"),
  name: z.string().trim().min(1, "name is empty"),
  team: z.enum(teams, { message: `team must be one of ${teams.join(", ")}` }),
  role: z.enum(["member", "leader", "manager"], { message: "role must be member, leader or manager" }),
});
export type StaffImportRow = z.infer<typeof StaffImportRowSchema>;

export const staffImportHeader = ["slack_user_id", "name", "team", "role"] as const;

/** One row per Slack user id: a second one would silently overwrite the first's team or role. */
const staffRowKey: UniqueKey<StaffImportRow> = {
  key: (row) => row.slack_user_id,
  describe: (row) => `staff member ${row.slack_user_id}`,
};

/** Imports staff; all-or-nothing like {@link importUnits}; re-import updates by Slack user id; a user id listed twice is refused. */
export async function importStaff(ctx: WorkflowContext, rows: NumberedRow[]): Promise<ImportResult> {
  const checked = validateRows(rows, StaffImportRowSchema, staffImportHeader, staffRowKey);
  if (!checked.ok) return checked;
  return ctx.uow.transaction(async (store) => {
    let created = 0;
    for (const { row } of checked.rows) {
      if (!(await store.staff.findByUserId(row.slack_user_id))) created += 1;
      await store.staff.upsert({ staffUserId: row.slack_user_id, name: row.name, team: row.team, role: row.role });
    }
    return { ok: true as const, created, updated: checked.rows.length - created };
  });
}
