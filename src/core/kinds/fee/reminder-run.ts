import { DateTime } from "luxon";
import type { Case } from "../../case/case.js";
import type { CaseKind, TaskDefinition } from "../../case/kind.js";
import { recordEvent, touchCase, transitionCase } from "../../case/machinery/changes.js";
import { openCase } from "../../case/machinery/open-case.js";
import { formatCaseNumber, sequenceName } from "../../case/numbering.js";
import { localDate } from "../../domain/deadline.js";
import { type Charge, outstandingFen } from "../../domain/fees.js";
import { formatFen } from "../../domain/money.js";
import type { Store } from "../../ports/store.js";
import { complaintFinalStatuses } from "../complaint/lifecycle.js";
import { type FeeCase, type FeeDetails, newFeeDetails, type ReminderRung } from "./details.js";
import { alertFrontDesk, feeTeam, type FeeKindRef, noticeFeeOwner, systemActor } from "./fee-steps.js";
import { chargeLine, householdFeeCase, ownerIdentityOf, registeredOwner, rememberHouseholdCase, sumOutstanding } from "./household.js";
import { feeLadder, headlineRung, homeVisitDueOn, letterDueOn, nextReminderRun, reminderRunHour, remindHorizon, rungOn } from "./ladder.js";
import { reminderButtons } from "./owner-buttons.js";

export const reminderRunTask = "fee.reminder_run";

/** The demand letters' yearly counter: `DL-2026` numbers `DL-2026-000001`. */
export const letterPrefix = "DL";

const pageSize = 200;

/** A charge the ladder waits on: promised (until the day after the date), or disputed while the complaint is handled. */
async function isPaused(store: Store, charge: Charge, today: string): Promise<boolean> {
  if (charge.promisedBy !== null && charge.promisedBy >= today) return true;
  if (charge.disputeCaseId === null) return false;
  const complaint = await store.cases.findById(charge.disputeCaseId);
  return complaint !== null && !(complaintFinalStatuses as readonly string[]).includes(complaint.status);
}

/** The instant of a local date at the run's hour: when a stage that falls due that day is acted on. */
function atRunHour(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).set({ hour: reminderRunHour }).toJSDate();
}

interface RunDay {
  store: Store;
  kind: CaseKind;
  now: Date;
  today: string;
  timeZone: string;
}

/** Opens the household's file the first time one of its charges is reminded: reported for the registered owner. */
async function openHouseholdCase(day: RunDay, unitId: string): Promise<FeeCase | null> {
  const { store, kind, now, timeZone } = day;
  const unit = await store.units.findById(unitId);
  const owner = await registeredOwner(store, unitId);
  if (!unit || !owner) return null;
  const opened = await openCase<FeeDetails>(
    store,
    kind,
    { unit, reporter: owner, reporterUserId: await ownerIdentityOf(store, owner), team: feeTeam, details: newFeeDetails(), actor: systemActor, channel: "ledger", photos: [] },
    now,
    timeZone,
  );
  await rememberHouseholdCase(store, unitId, opened.id);
  return opened;
}

/** The owner may have verified since the file was opened: the reminders reach their identity from then on. */
async function withCurrentIdentity(store: Store, subject: FeeCase, at: Date): Promise<FeeCase> {
  const owner = await store.residents.findById(subject.reporterId);
  const identity = owner ? await ownerIdentityOf(store, owner) : null;
  if (identity === null || identity === subject.reporterUserId) return subject;
  const updated: FeeCase = { ...subject, reporterUserId: identity, updatedAt: at, version: subject.version + 1 };
  await store.cases.update(updated as Case);
  return updated;
}

/**
 * One reminder for the household listing every charge it owes that is not paused, named after
 * the most advanced rung due today; queued quiet (it waits out the quiet hours). A household
 * without an identity gets nothing and is on the call list; the reminder counts all the same.
 */
async function remind(day: RunDay, found: FeeCase, listed: readonly Charge[], rungs: readonly ReminderRung[]): Promise<{ subject: FeeCase; delivered: boolean }> {
  const { store, now, timeZone } = day;
  const subject = await withCurrentIdentity(store, found, now);
  const rung = headlineRung(rungs);
  const askReason = rung === "overdue" || subject.details.firstOverdueReminderAt !== null;
  const total = formatFen(sumOutstanding(listed));
  const delivered = await noticeFeeOwner(
    store,
    subject,
    now,
    `fee.reminder.${rung}`,
    (locale) => ({ lines: listed.map((charge) => chargeLine(charge, locale)).join("\n"), total, count: listed.length }),
    { buttons: reminderButtons(subject.id, now, timeZone, askReason), quiet: true },
  );
  const firstOverdue = subject.details.firstOverdueReminderAt ?? (rung === "overdue" ? now : null);
  const details: Partial<FeeDetails> = {
    lastReminderAt: now,
    lastReminderKind: delivered ? rung : "call_list",
    remindedChargeIds: listed.map((charge) => charge.id),
    firstOverdueReminderAt: firstOverdue,
    ...(subject.details.stage === "reminding" && firstOverdue !== null ? { stage: "overdue" as const } : {}),
  };
  const data = {
    rung,
    delivery: delivered ? "queued" : "call_list",
    charges: listed.map((charge) => ({ id: charge.id, feeType: charge.feeType, period: charge.period, outstandingFen: outstandingFen(charge), dueDate: charge.dueDate })),
    totalFen: sumOutstanding(listed),
  };
  const staged = details.stage !== undefined;
  const updated = staged
    ? await transitionCase(store, day.kind, subject, { action: "remind", event: "reminded", actor: systemActor, at: now, details, data })
    : await touchCase(store, subject, now, details);
  if (!staged) await recordEvent(store, updated, { type: "reminded", actor: systemActor, at: now, data });
  return { subject: updated, delivered };
}

/**
 * The ladder's stages, checked each day: still unpaid 3 calendar months after the first overdue
 * reminder, the demand letter (numbered, the card refreshed for the front desk to print and post);
 * a month after the letter, the home visit (an alert in the front desk's channel).
 */
async function advanceStages(day: RunDay, subject: FeeCase, overdue: readonly Charge[]): Promise<FeeCase> {
  const { store, kind, now, today, timeZone } = day;
  const { stage, firstOverdueReminderAt, homeVisitDueAt } = subject.details;
  if (subject.status !== "open" || overdue.length === 0) return subject;
  if (stage === "overdue" && firstOverdueReminderAt && today >= letterDueOn(localDate(firstOverdueReminderAt, timeZone))) {
    const year = Number(today.slice(0, 4));
    const letterNumber = formatCaseNumber(letterPrefix, year, await store.cases.nextSequence(sequenceName(letterPrefix, year)));
    const totalFen = sumOutstanding(overdue);
    const updated = await transitionCase(store, kind, subject, {
      action: "issue_letter",
      event: "letter_issued",
      actor: systemActor,
      at: now,
      details: { stage: "demand_letter", letterNumber, letterAt: now, homeVisitDueAt: atRunHour(homeVisitDueOn(today), timeZone) },
      data: { letterNumber, totalFen, chargeIds: overdue.map((charge) => charge.id), source: feeLadder.demand_letter.source },
    });
    await alertFrontDesk(store, updated, now, "alerts.fee_demand_letter", { letter: letterNumber, total: formatFen(totalFen) });
    await noticeFeeOwner(store, updated, now, "fee.demand_letter", { letter: letterNumber, total: formatFen(totalFen) }, { quiet: true });
    return updated;
  }
  if (stage === "demand_letter" && homeVisitDueAt && localDate(homeVisitDueAt, timeZone) <= today) {
    const totalFen = sumOutstanding(overdue);
    const updated = await transitionCase(store, kind, subject, {
      action: "home_visit_due",
      actor: systemActor,
      at: now,
      details: { stage: "home_visit" },
      data: { totalFen, source: feeLadder.home_visit.source },
    });
    await alertFrontDesk(store, updated, now, "alerts.fee_home_visit", { letter: subject.details.letterNumber ?? "", total: formatFen(totalFen) });
    return updated;
  }
  return subject;
}

/** What the run did for one household. */
type HouseholdOutcome = "reminded" | "called" | "none";

async function runHousehold(day: RunDay, unitId: string): Promise<HouseholdOutcome> {
  const { store, today } = day;
  let subject = await householdFeeCase(store, unitId);
  // Referred to the legal channel: the reminders stop for the household.
  if (subject?.status === "referred") return "none";
  const horizon = remindHorizon(today);
  const open = (await store.charges.listByUnit(unitId)).filter((charge) => outstandingFen(charge) > 0 && charge.dueDate <= horizon);
  const active: Charge[] = [];
  for (const charge of open) if (!(await isPaused(store, charge, today))) active.push(charge);
  const rungs = active.map((charge) => rungOn(charge, today)).filter((rung): rung is ReminderRung => rung !== null);
  let outcome: HouseholdOutcome = "none";
  const remindedToday = subject?.details.lastReminderAt ? localDate(subject.details.lastReminderAt, day.timeZone) === today : false;
  if (rungs.length > 0 && !remindedToday) {
    subject ??= await openHouseholdCase(day, unitId);
    if (!subject) return "none";
    const reminded = await remind(day, subject, active, rungs);
    subject = reminded.subject;
    outcome = reminded.delivered ? "reminded" : "called";
  }
  if (subject) await advanceStages(day, subject, active.filter((charge) => charge.dueDate < today));
  return outcome;
}

/**
 * The daily reminder run (10:00 local), one page of households per job: a full page queues the
 * next page as a job due at once, so each page commits on its own and no transaction holds the
 * database for the whole run (on SQLite every other write would wait for it). The page's job
 * carries the day and the last household done, so a late or retried page still works that day.
 */
export function reminderRunTasks(kind: FeeKindRef): Record<string, TaskDefinition> {
  return {
    [reminderRunTask]: {
      source: `${feeLadder.before_due.source}; ${feeLadder.overdue.source}; every day at 10:00 in the property's zone`,
      next: nextReminderRun,
      async run({ store, now, timeZone, data }) {
        const today = typeof data.day === "string" ? data.day : localDate(now, timeZone);
        const day: RunDay = { store, kind: kind(), now, today, timeZone };
        const counts: Record<HouseholdOutcome, number> = { reminded: 0, called: 0, none: 0 };
        const after = typeof data.after === "string" ? data.after : undefined;
        const page = await store.charges.listUnitsWithOpenCharges(remindHorizon(day.today), pageSize, after);
        for (const unitId of page) counts[await runHousehold(day, unitId)] += 1;
        const last = page[page.length - 1];
        if (page.length === pageSize && last !== undefined) {
          await store.jobs.enqueueOnce({
            id: `task:${reminderRunTask}:page:${today}:${last}`,
            runAt: now,
            payload: { type: "task", task: reminderRunTask, caseId: null, data: { day: today, after: last } },
          });
        }
        const more = page.length === pageSize ? "; the next page follows" : "";
        return { outcome: "reminded", detail: `${counts.reminded} households reminded, ${counts.called} on the call list on ${day.today}${more}` };
      },
    },
  };
}
