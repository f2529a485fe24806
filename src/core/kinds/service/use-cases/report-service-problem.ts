import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { ProblemWordsSchema } from "../owner-words.js";
import { reportVisitProblem } from "../package/owner-visit-steps.js";
import { alertServiceTeam, noticeServiceOwner, ownerServiceStep, transitionWithWorkOrder } from "../service-steps.js";

export { ProblemWordsSchema };

export interface ReportServiceProblemInput extends OwnerCaseInput {
  words: string;
  /** A package visit's scheduled instant (ISO): the problem is that visit's. */
  visitAt?: string;
}

/** The owner is not satisfied with the work: it goes back to the team, whose leader reads the owner's words. */
export async function reportServiceProblem(ctx: WorkflowContext, input: ReportServiceProblemInput): Promise<ServiceCase> {
  if (input.visitAt !== undefined) return reportVisitProblem(ctx, { ...input, visitAt: input.visitAt });
  const words = parseInput(ProblemWordsSchema, input.words);
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const { updated } = await transitionWithWorkOrder(
      store,
      kind,
      subject,
      { action: "report_problem", event: "problem_reported", actor: ownerActor(subject), at: now, details: { problemReport: words, completedAt: null }, data: { words } },
      { status: "in_progress", completedAt: null, problemReport: words },
    );
    await alertServiceTeam(store, updated, now, "alerts.service_problem", { words });
    await noticeServiceOwner(store, updated, now, "service.problem_noted");
    return updated;
  });
}
