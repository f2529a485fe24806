import type { TaskDefinition } from "../../../case/kind.js";
import { localDate } from "../../../domain/deadline.js";
import type { Store } from "../../../ports/store.js";
import { newId, type WorkflowContext } from "../../../ports/workflow-context.js";
import { type FeeCase, type FeeStage, feeStages } from "../details.js";
import { dueOutstanding, sumOutstanding } from "../household.js";
import { feeLadder, isoWeekOf, nextWeekSummary } from "../ladder.js";
import { feeStandingStatuses } from "../lifecycle.js";

export const weekSummaryTask = "fee.week_summary";
/** The digest the front desk's channel gets on Mondays (`staff.digest`, period `2026-W49`). */
export const feeWeekDigest = "fee.week";

export interface StageFigures {
  households: number;
  amountFen: number;
}

/** An overdue household without an identity on the bot: the front desk phones it. */
export interface CallListEntry {
  caseId: string;
  number: string;
  building: string;
  unit: string;
  ownerName: string;
  phone: string;
  amountFen: number;
  stage: FeeStage;
}

export interface FeeLadderSummary {
  /** The local date the amounts are due by. */
  asOf: string;
  stages: Record<FeeStage, StageFigures>;
  callList: CallListEntry[];
}

const pageSize = 200;

/**
 * Where the households stand on the ladder today: per stage, how many and what they owe that
 * is due; and the call list, the overdue households the bot cannot reach (by building and unit).
 */
export async function feeLadderSummary(store: Store, now: Date, timeZone: string): Promise<FeeLadderSummary> {
  const asOf = localDate(now, timeZone);
  const stages = Object.fromEntries(feeStages.map((stage) => [stage, { households: 0, amountFen: 0 }])) as Record<FeeStage, StageFigures>;
  const callList: CallListEntry[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = (await store.cases.listByKindAndStatus("fee", feeStandingStatuses, pageSize, afterId)) as FeeCase[];
    for (const subject of page) {
      const amountFen = sumOutstanding(dueOutstanding(await store.charges.listByUnit(subject.unitId), asOf));
      const figures = stages[subject.details.stage];
      figures.households += 1;
      figures.amountFen += amountFen;
      if (subject.reporterUserId === null && subject.details.firstOverdueReminderAt !== null && subject.status === "open") {
        const unit = await store.units.findById(subject.unitId);
        const owner = await store.residents.findById(subject.reporterId);
        callList.push({
          caseId: subject.id,
          number: subject.number,
          building: unit?.building ?? "",
          unit: unit?.unit ?? "",
          ownerName: owner?.name ?? "",
          phone: owner?.phone ?? "",
          amountFen,
          stage: subject.details.stage,
        });
      }
    }
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]?.id;
  }
  const collator = new Intl.Collator("en", { numeric: true });
  callList.sort((a, b) => collator.compare(a.building, b.building) || collator.compare(a.unit, b.unit));
  return { asOf, stages, callList };
}

/** {@link feeLadderSummary} now, for the digest and the front desk. */
export function getFeeLadderSummary(ctx: WorkflowContext): Promise<FeeLadderSummary> {
  const now = ctx.time.now();
  return ctx.uow.transaction((store) => feeLadderSummary(store, now, ctx.timeZone));
}

/** The weekly summary: Mondays at 09:00 local, one digest per ISO week (a second run sends nothing). */
export const weekSummaryTasks: Record<string, TaskDefinition> = {
  [weekSummaryTask]: {
    source: `PROCEDURES.md §3.1: work out who is overdue and why; the front desk sees each stage weekly (${feeLadder.legal.source})`,
    next: nextWeekSummary,
    async run({ store, job, now, timeZone }) {
      const week = isoWeekOf(job.runAt, timeZone);
      const key = `digest:${feeWeekDigest}:${week}`;
      if (await store.keyValues.get(key)) return { skipped: `the summary of ${week} was sent` };
      await store.keyValues.set(key, now.toISOString());
      await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.digest", team: "frontdesk", digest: feeWeekDigest, period: week } });
      return { outcome: "summary_queued", detail: `fee ladder summary of ${week}` };
    },
  },
};
