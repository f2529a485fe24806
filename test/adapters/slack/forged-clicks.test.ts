import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ViewStateValue } from "@slack/bolt";
import { encodeValue } from "../../../src/adapters/slack/interaction-values.js";
import type { Case } from "../../../src/core/case/case.js";
import { fileComplaint } from "../../../src/core/kinds/complaint/use-cases/file-complaint.js";
import { reminderRunTask } from "../../../src/core/kinds/fee/reminder-run.js";
import { referToLegal } from "../../../src/core/kinds/fee/use-cases/stages.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { scheduleSiteVisit } from "../../../src/core/kinds/service/use-cases/schedule-site-visit.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { blockActionPayload, postToBolt, viewSubmissionPayload } from "../../../src/testing/fake-slack-server.js";
import { workflowState } from "../../support/workflow-state.js";
import { addCharges } from "../../core/fee/fee-steps.js";
import { chosen, type ServiceHarness, startServiceHarness, typed } from "./service-harness.js";
import { CLEANING_CHANNEL, finishRepair, FRONTDESK_CHANNEL, GREENING_CHANNEL, MAINTENANCE_CHANNEL, SIGNING_SECRET } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

// The service harness's owner 7001 of 3-1202; the clock moves to Wednesday 2 December 2026, 10:00 in Shanghai.
type Values = Record<string, Record<string, ViewStateValue>>;

const unknownCase = "00000000-0000-4000-8000-000000000000";
const somethingWentWrong = "Sorry, something went wrong on our side. Please try again in a moment.";

let h: ServiceHarness;
let repair: Case;
/** A repair done, its callback waiting for the front desk. */
let finished: Case;
let complaint: Case;
let greening: Case;
let fee: Case;

beforeAll(async () => {
  h = await startServiceHarness();
  repair = await reportRepair(h.ctx, { ownerUserId: "7001", category: "plumbing", description: "Kitchen tap drips", photos: [], publicArea: null, preferredTime: "Any morning" });
  complaint = await fileComplaint(h.ctx, {
    ownerUserId: "7001",
    subject: "noise",
    description: "Drilling every evening after 22:00",
    whenWhere: "Every evening, unit 1302",
    about: null,
    ownerRequest: "Please ask them to stop at 20:00",
    deadline: null,
    photos: [],
  });
  finished = await reportRepair(h.ctx, { ownerUserId: "7001", category: "electrical", description: "Hall light flickers", photos: [], publicArea: null, preferredTime: "Any morning" });
  await finishRepair(h.ctx, finished.id);
  greening = await h.book({ serviceType: "greening_one_off", priceCode: "GR-ONE-OFF", preferredTime: "Any weekday afternoon" });
  await scheduleSiteVisit(h.ctx, { caseId: greening.id, staffUserId: "UGREENL", at: new Date("2026-12-02T06:00:00Z") });
  const unit = await h.ctx.uow.transaction((store) => store.units.findByAddress("3", "1202"));
  await addCharges(h.ctx, unit!.id, [{ feeType: "property", period: "2026-11", amountFen: 30_000, dueDate: "2026-12-01" }]);
  await ensureRecurringTasks(h.ctx, [{ task: reminderRunTask }]);
  // The run goes daily at 10:00: the next one, on Wednesday, opens the household's file.
  h.time.set("2026-12-02T02:00:00Z");
  await runDueWork(h.ctx);
  const file = h.memory.snapshot().cases.find((candidate) => candidate.kind === "fee");
  if (!file) throw new Error("the reminder run opened no fee file");
  fee = file;
  await h.deliver();
});

afterAll(async () => {
  await h.close();
  expectNoMissingKeys();
});

const versionOf = (subject: Case) => h.memory.snapshot().cases.find((candidate) => candidate.id === subject.id)?.version ?? 1;

/** The ephemeral answers `user` got, oldest first. */
const ephemeralsTo = (user: string) => h.fake.callsOf("chat.postEphemeral").filter((call) => call.payload.user === user);

/** Waits for the one ephemeral a refused interaction owes `user`, and returns its text. */
async function nextEphemeral(user: string, before: number): Promise<string> {
  await vi.waitFor(() => expect(ephemeralsTo(user).length).toBeGreaterThan(before), { timeout: 5_000 });
  return String(ephemeralsTo(user)[before]?.payload.text);
}

/** Clicks `actionId` as `user` in `channel` with a card value naming `subject` (a case, or any id), or with `value` as given. */
async function click(user: string, channel: string, actionId: string, subject: Case | string, value?: Record<string, string | number>): Promise<string> {
  const ticketId = typeof subject === "string" ? subject : subject.id;
  const version = typeof subject === "string" ? 1 : versionOf(subject);
  const before = ephemeralsTo(user).length;
  const response = await postToBolt(
    h.url,
    SIGNING_SECRET,
    blockActionPayload({ user, channel, messageTs: "1764554400.000100", actionId, value: encodeValue(value ?? { ticketId, version }) }),
  );
  expect(response.status).toBe(200);
  return nextEphemeral(user, before);
}

/** Submits a modal `callbackId` as `user`, its private metadata naming `ticketId`, with `values`. */
async function submit(user: string, callbackId: string, ticketId: string, values: Values, channel = FRONTDESK_CHANNEL): Promise<string> {
  const before = ephemeralsTo(user).length;
  const response = await postToBolt(h.url, SIGNING_SECRET, viewSubmissionPayload({ user, callbackId, privateMetadata: encodeValue({ ticketId, channel }), values }));
  expect(response.status).toBe(200);
  expect(response.body).toBe("");
  return nextEphemeral(user, before);
}

/** Runs `attack`, and expects it refused with a sentence (not the generic failure) and nothing changed, views included. */
async function refusedUnchanged(attack: () => Promise<string>): Promise<string> {
  const before = workflowState(h.memory);
  const views = h.fake.views().length;
  const text = await attack();
  expect(text).not.toBe(somethingWentWrong);
  expect(text.length).toBeGreaterThan(10);
  expect(workflowState(h.memory)).toEqual(before);
  expect(h.fake.views()).toHaveLength(views);
  return text;
}

describe("a click from someone outside the staff register", { timeout: 60_000 }, () => {
  const stranger = "UNOBODY1";
  const notStaff = "Only registered staff can act on this. Ask the front desk to add you.";

  it("is refused privately and changes nothing, on every kind's card", async () => {
    expect(await refusedUnchanged(() => click(stranger, MAINTENANCE_CHANNEL, "ticket.claim", repair))).toBe(notStaff);
    expect(await refusedUnchanged(() => click(stranger, MAINTENANCE_CHANNEL, "ticket.schedule", repair))).toBe(notStaff);
    expect(await refusedUnchanged(() => click(stranger, FRONTDESK_CHANNEL, "complaint.classify_major", complaint))).toBe(notStaff);
    expect(await refusedUnchanged(() => click(stranger, GREENING_CHANNEL, "service.quote", greening))).toBe(notStaff);
    expect(await refusedUnchanged(() => click(stranger, FRONTDESK_CHANNEL, "fee.refer_to_legal", fee))).toBe(notStaff);
    expect(await refusedUnchanged(() => click(stranger, FRONTDESK_CHANNEL, "fee.record_payment", fee))).toBe(notStaff);
  });

  it("submitting a modal is refused privately and changes nothing", async () => {
    expect(await refusedUnchanged(() => submit(stranger, "ticket.cancel_modal", repair.id, typed("reason", "Owner called to cancel")))).toBe(notStaff);
    expect(await refusedUnchanged(() => submit(stranger, "complaint.resolve_modal", complaint.id, typed("complaint_words", "Spoke to the neighbour")))).toBe(notStaff);
  });
});

describe("a callback card clicked by someone who may not record callbacks", { timeout: 60_000 }, () => {
  const callback = () => h.memory.snapshot().callbacks.find((candidate) => candidate.caseId === finished.id)!;

  it("records no outcome for a stranger or a technician, nor for a callback that does not exist", async () => {
    const value = () => ({ callbackId: callback().id, attempt: 1 });
    expect(await refusedUnchanged(() => click("UNOBODY1", FRONTDESK_CHANNEL, "callback.satisfied", finished, value()))).toBe(
      "Only registered staff can act on this. Ask the front desk to add you.",
    );
    expect(await refusedUnchanged(() => click("UMAINT1", FRONTDESK_CHANNEL, "callback.satisfied", finished, value()))).toContain("front desk");
    expect(await refusedUnchanged(() => click("UMAINT1", FRONTDESK_CHANNEL, "callback.not_fixed", finished, value()))).toContain("front desk");
    await refusedUnchanged(() => click("UFRONT1", FRONTDESK_CHANNEL, "callback.satisfied", finished, { callbackId: unknownCase, attempt: 1 }));
  });

  it("Show number tells neither a stranger nor a technician the owner's phone, and records no showing", async () => {
    for (const user of ["UNOBODY1", "UMAINT1", "UCLEAN1"]) {
      const text = await refusedUnchanged(() => click(user, FRONTDESK_CHANNEL, "callback.show_number", finished));
      expect(text, user).not.toContain("13800000001");
    }
  });
});

describe("a click by staff of the wrong team or role", { timeout: 60_000 }, () => {
  it("a cleaning member quoting a greening order is told it is Greening's work", async () => {
    const text = await refusedUnchanged(() => click("UCLEAN1", GREENING_CHANNEL, "service.quote", greening));
    expect(text).toContain("Greening");
  });

  it("the cleaning leader quoting a greening order is refused as well", async () => {
    const text = await refusedUnchanged(() => click("UCLEANL", GREENING_CHANNEL, "service.quote", greening));
    expect(text).toContain("Greening");
  });

  it("a front desk member referring a fee file to legal is told only a manager can", async () => {
    const text = await refusedUnchanged(() => click("UFRONT1", FRONTDESK_CHANNEL, "fee.refer_to_legal", fee));
    expect(text).toContain(fee.number);
  });

  it("a maintenance member classifying a complaint is told it is the front desk's", async () => {
    for (const actionId of ["complaint.classify_major", "complaint.classify_minor", "complaint.classify_service_error", "complaint.mark_invalid"]) {
      const text = await refusedUnchanged(() => click("UMAINT1", FRONTDESK_CHANNEL, actionId, complaint));
      expect(text, actionId).toContain(complaint.number);
    }
  });

  it("a cleaner claiming a repair, and a maintenance member recording a fee payment, are refused", async () => {
    expect(await refusedUnchanged(() => click("UCLEAN1", MAINTENANCE_CHANNEL, "ticket.claim", repair))).toContain("Maintenance");
    await refusedUnchanged(() => click("UMAINT1", FRONTDESK_CHANNEL, "fee.record_payment", fee));
  });
});

describe("a button of one kind whose value names a case of another kind", { timeout: 60_000 }, () => {
  it("is refused as not found, even by staff who hold the right on that case", async () => {
    const notFound = "We could not find that request. It may have been removed.";
    // The greening leader may start and schedule greening work, but a repair's buttons never act on it.
    expect(await refusedUnchanged(() => click("UGREENL", GREENING_CHANNEL, "ticket.schedule", greening))).toBe(notFound);
    expect(await refusedUnchanged(() => click("UGREENL", GREENING_CHANNEL, "ticket.start", greening))).toBe(notFound);
    expect(await refusedUnchanged(() => click("UGREENL", GREENING_CHANNEL, "ticket.correct", greening))).toBe(notFound);
    // The front desk classifies complaints, not repairs; the manager refers fee files, not complaints.
    expect(await refusedUnchanged(() => click("UFRONT1", FRONTDESK_CHANNEL, "complaint.classify_minor", repair))).toBe(notFound);
    expect(await refusedUnchanged(() => click("UMANAGR", FRONTDESK_CHANNEL, "fee.refer_to_legal", complaint))).toBe(notFound);
    expect(await refusedUnchanged(() => click("UFRONT1", FRONTDESK_CHANNEL, "fee.record_payment", repair))).toBe(notFound);
    expect(await refusedUnchanged(() => click("UGREENL", GREENING_CHANNEL, "service.quote", repair))).toBe(notFound);
  });

  it("naming a case that does not exist is refused as not found", async () => {
    for (const [user, channel, actionId] of [
      ["UMAINT1", MAINTENANCE_CHANNEL, "ticket.claim"],
      ["UFRONT1", FRONTDESK_CHANNEL, "complaint.classify_minor"],
      ["UCLEANL", CLEANING_CHANNEL, "service.quote"],
      ["UMANAGR", FRONTDESK_CHANNEL, "fee.refer_to_legal"],
    ] as const) {
      expect(await refusedUnchanged(() => click(user, channel, actionId, unknownCase)), actionId).toBe("We could not find that request. It may have been removed.");
    }
  });
});

describe("a modal submission whose private metadata names another case than the one it was opened for", { timeout: 60_000 }, () => {
  const notFound = "We could not find that request. It may have been removed.";
  const payment: Values = {
    ...chosen("fee_type", "property"),
    ...typed("fee_period", "2026-11"),
    ...typed("fee_amount", "300"),
    fee_paid_on: { fee_paid_on: { type: "datepicker", selected_date: "2026-12-01" } },
  };

  it("Record payment naming a repair instead of the fee file records nothing", async () => {
    expect(await refusedUnchanged(() => submit("UFRONT1", "fee.payment_modal", repair.id, payment))).toBe(notFound);
  });

  it("a repair's Schedule naming a service order proposes nothing, even by that order's team leader", async () => {
    const values: Values = {
      date: { date: { type: "datepicker", selected_date: "2026-12-03" } },
      time: { time: { type: "timepicker", selected_time: "10:00" } },
    };
    expect(await refusedUnchanged(() => submit("UGREENL", "ticket.schedule_modal", greening.id, values, GREENING_CHANNEL))).toBe(notFound);
  });

  it("a technician's Schedule naming a repair of the same team that another technician holds, instead of his own, proposes nothing", async () => {
    await h.ctx.uow.transaction((store) => store.staff.upsert({ staffUserId: "UMAINT2", name: "Li Qiang", team: "maintenance", role: "member" }));
    const mine = await reportRepair(h.ctx, { ownerUserId: "7001", category: "plumbing", description: "Bathroom tap drips", photos: [], publicArea: null, preferredTime: "Any morning" });
    const theirs = await reportRepair(h.ctx, { ownerUserId: "7001", category: "plumbing", description: "Balcony drain blocked", photos: [], publicArea: null, preferredTime: "Any morning" });
    await claimCase(h.ctx, { caseId: mine.id, staffUserId: "UMAINT1" });
    await claimCase(h.ctx, { caseId: theirs.id, staffUserId: "UMAINT2" });
    const values: Values = {
      date: { date: { type: "datepicker", selected_date: "2026-12-03" } },
      time: { time: { type: "timepicker", selected_time: "10:00" } },
    };

    const text = await refusedUnchanged(() => submit("UMAINT1", "ticket.schedule_modal", theirs.id, values, MAINTENANCE_CHANNEL));

    expect(text).toBe(`${theirs.number} is Li Qiang's job. Only the person on the job (Li Qiang), the Maintenance leader (Zhao Lei) or the front desk can schedule ${theirs.number}.`);
  });

  it("a complaint's Resolve naming a repair resolves nothing", async () => {
    expect(await refusedUnchanged(() => submit("UFRONT1", "complaint.resolve_modal", repair.id, typed("complaint_words", "Spoke to the neighbour")))).toBe(notFound);
  });

  it("Assign naming a case the submitter has no right on is refused with who can", async () => {
    const zhangWei = h.memory.snapshot().staff.find((member) => member.staffUserId === "UMAINT1")!.id;
    const text = await refusedUnchanged(() => submit("UMAINT1", "ticket.assign_modal", complaint.id, chosen("assignee", zhangWei), MAINTENANCE_CHANNEL));
    expect(text).toContain(complaint.number);
  });

  it("Cancel naming the fee file, by a cleaner, is refused", async () => {
    await refusedUnchanged(() => submit("UCLEAN1", "ticket.cancel_modal", fee.id, typed("reason", "Paid in cash"), CLEANING_CHANNEL));
  });

  it("naming a case that does not exist is refused as not found, for every kind's modal", async () => {
    expect(await refusedUnchanged(() => submit("UFRONT1", "fee.payment_modal", unknownCase, payment))).toBe(notFound);
    expect(await refusedUnchanged(() => submit("UFRONT1", "complaint.resolve_modal", unknownCase, typed("complaint_words", "Spoke to the neighbour")))).toBe(notFound);
    expect(await refusedUnchanged(() => submit("UFRONT1", "ticket.cancel_modal", unknownCase, typed("reason", "Owner called to cancel")))).toBe(notFound);
  });
});

describe("a click on a fee file that has moved on", { timeout: 60_000 }, () => {
  it("says in words that the file is referred to legal, then settled", async () => {
    await referToLegal(h.ctx, { caseId: fee.id, staffUserId: "UMANAGR" });
    const referred = await refusedUnchanged(() => click("UMANAGR", FRONTDESK_CHANNEL, "fee.refer_to_legal", fee));
    await recordPayment(h.ctx, { staffUserId: "UFRONT1", unitId: fee.unitId, feeType: "property", period: "2026-11", amountFen: 30_000, paidAt: h.ctx.time.now() });
    const settled = await refusedUnchanged(() => click("UMANAGR", FRONTDESK_CHANNEL, "fee.refer_to_legal", fee));

    expect([referred, settled]).toEqual([
      `You cannot refer to legal ${fee.number} now: it is “Referred to legal”.`,
      `You cannot refer to legal ${fee.number} now: it is “Settled”.`,
    ]);
  });
});

describe("a modal submission whose private metadata does not decode", { timeout: 60_000 }, () => {
  it("is answered in the modal itself, which says it is out of date, and changes nothing", async () => {
    for (const privateMetadata of ["", "not json", encodeValue({ ticketId: repair.id }), '{"ticketId":1,"channel":2}']) {
      const before = workflowState(h.memory);
      const response = await postToBolt(
        h.url,
        SIGNING_SECRET,
        viewSubmissionPayload({ user: "UFRONT1", callbackId: "ticket.cancel_modal", privateMetadata, values: typed("reason", "Owner called to cancel") }),
      );

      expect(response.status, privateMetadata).toBe(200);
      const answer = JSON.parse(response.body) as { response_action: string; view: { blocks: { text?: { text: string } }[] } };
      expect(answer.response_action, privateMetadata).toBe("update");
      expect(answer.view.blocks.map((block) => block.text?.text).join(" "), privateMetadata).toBe("This form is out of date. Please close it and use the buttons of the latest card.");
      expect(workflowState(h.memory), privateMetadata).toEqual(before);
    }
  });
});
