import type { TaskDefinition } from "../case/kind.js";
import { CaseKindRegistry } from "../case/registry.js";
import { dailyReceiptsTasks } from "../reports/daily-receipts.js";
import { monthlyReportTasks } from "../reports/monthly-task.js";
import { defaultRetention, type Retention, systemTasks } from "../use-cases/system-tasks.js";
import { complaintKind } from "./complaint/kind.js";
import { feeKind } from "./fee/kind.js";
import { repairKind } from "./repair/kind.js";
import { serviceKind } from "./service/kind.js";

/**
 * The kinds of request this product handles, in menu order. Adding a kind is one line here
 * (and one in each adapter's list of kinds); nothing else in the shared machinery changes.
 */
export const productKinds = [repairKind, complaintKind, serviceKind, feeKind] as const;

/**
 * The registry every deployment runs with; `retention` is the housekeeping's (RETENTION_DAYS).
 * `moreTasks` adds system tasks (`system.` or `report.`) to the product's, e.g. a test's task
 * whose every run is visible.
 */
export function productRegistry(retention: Retention = defaultRetention, moreTasks: Record<string, TaskDefinition> = {}): CaseKindRegistry {
  return new CaseKindRegistry(productKinds, { ...systemTasks(retention), ...dailyReceiptsTasks, ...monthlyReportTasks, ...moreTasks });
}
