import type { BaseConfig } from "../config/config.js";
import { systemTime, type TimeSource } from "../core/ports/time-source.js";
import type { TaskDefinition } from "../core/case/kind.js";
import type { WorkflowContext } from "../core/ports/workflow-context.js";
import { productRegistry } from "../core/kinds/index.js";
import { defaultRetention } from "../core/use-cases/system-tasks.js";
import { openDatabase, type Database } from "../adapters/persistence/database.js";
import type { TransactionLimits } from "../adapters/persistence/prisma-store.js";

export interface OpenWorkflow {
  ctx: WorkflowContext;
  database: Database;
  /** Names of the migrations applied while opening (empty when the schema was current). */
  migrated: string[];
  close(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations (a newcomer never runs Prisma by hand) and
 * builds the context every use case runs in.
 */
export async function openWorkflow(config: BaseConfig, time: TimeSource = systemTime, options: { transactionLimits?: Partial<TransactionLimits>; moreTasks?: Record<string, TaskDefinition> } = {}): Promise<OpenWorkflow> {
  const database = await openDatabase(config.databaseUrl, options.transactionLimits ? { transactionLimits: options.transactionLimits } : {});
  try {
    const migrated = await database.migrate();
    const ctx: WorkflowContext = { uow: database.unitOfWork, time, timeZone: config.timeZone, workingHours: config.workingHours, ownerHours: config.ownerHours, companyName: config.companyName, kinds: productRegistry({ ...defaultRetention, days: config.retentionDays }, options.moreTasks) };
    return { ctx, database, migrated, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
