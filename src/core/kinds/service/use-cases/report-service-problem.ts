import { z } from "zod";
import { transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { alertServiceTeam, currentWorkOrder, noticeServiceOwner, ownerServiceStep, updateWorkOrder } from "../service-steps.js";

export const ProblemWordsSchema = z.string().trim().min(2, "please say what is wrong").max(1000);

export interface ReportServiceProblemInput extends OwnerCaseInput {
  words: string;
}

/** The owner is not satisfied with the work: it goes back to the team, whose leader reads the owner's words. */
export async function reportServiceProblem(ctx: WorkflowContext, input: ReportServiceProblemInput): Promise<ServiceCase> {
  const words = parseInput(ProblemWordsSchema, input.words);
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const order = await currentWorkOrder(store, subject.id);
    if (order) await updateWorkOrder(store, order, now, { status: "in_progress", completedAt: null, problemReport: words });
    const updated = await transitionCase(store, kind, subject, {
      action: "report_problem",
      event: "problem_reported",
      actor: ownerActor(subject),
      at: now,
      details: { problemReport: words, completedAt: null },
      data: { words, workOrder: order?.number ?? null },
    });
    await alertServiceTeam(store, updated, now, "alerts.service_problem", { words });
    await noticeServiceOwner(store, updated, now, "service.problem_noted");
    return updated;
  });
}
