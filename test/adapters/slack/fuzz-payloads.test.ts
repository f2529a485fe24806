import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeViewIds } from "../../../src/adapters/slack/blocks/intake-form.js";
import { actionIds, callbackActionIds, encodeValue, viewIds } from "../../../src/adapters/slack/interaction-values.js";
import { complaintActionIds, complaintViewIds } from "../../../src/adapters/slack/kinds/complaint/interaction.js";
import { feeActionIds, feeViewIds } from "../../../src/adapters/slack/kinds/fee/interaction.js";
import { repairActionIds, repairViewIds } from "../../../src/adapters/slack/kinds/repair/interaction.js";
import { serviceActionIds, serviceViewIds } from "../../../src/adapters/slack/kinds/service/interaction.js";
import { fileComplaint } from "../../../src/core/kinds/complaint/use-cases/file-complaint.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { blockActionPayload, globalShortcutPayload, postSignedToBolt, postToBolt, viewSubmissionPayload } from "../../../src/testing/fake-slack-server.js";
import { type ServiceHarness, startServiceHarness } from "./service-harness.js";
import { FRONTDESK_CHANNEL, SIGNING_SECRET } from "./slack-harness.js";

// Random interactions, as an old card, a forged request signed with a leaked secret or a Slack
// change might bring them, signed and POSTed to the real /slack/events: never a 5xx, never an
// unhandled rejection, never the generic failure nor an error in the log, and a button whose
// value does not decode is answered to the clicker alone.
const runs = { numRuns: 100 };
/** A property runs many requests: far longer than one example, on a loaded machine too. */
const propertyTimeout = 180_000;
const somethingWentWrong = "Sorry, something went wrong on our side. Please try again in a moment.";
const outOfDate = "This button is out of date. Please use the latest card.";

let h: ServiceHarness;
let caseIds: string[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  h = await startServiceHarness();
  const repair = await reportRepair(h.ctx, { ownerUserId: "7001", category: "plumbing", description: "Kitchen tap drips", photos: [], publicArea: null, preferredTime: "Any morning" });
  const complaint = await fileComplaint(h.ctx, { ownerUserId: "7001", subject: "noise", description: "Drilling at night", whenWhere: "Unit 1302", about: null, ownerRequest: "Stop it", deadline: null, photos: [] });
  const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, specialRequests: "", preferredTime: "Saturday" });
  caseIds = [repair.id, complaint.id, order.id];
  await h.deliver();
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await h.close();
});

const knownActions: string[] = [actionIds, callbackActionIds, repairActionIds, serviceActionIds, complaintActionIds, feeActionIds].flatMap((ids) => Object.values(ids));
const knownViews: string[] = [viewIds, repairViewIds, serviceViewIds, complaintViewIds, feeViewIds, intakeViewIds].flatMap((ids) => Object.values(ids));
const staff = ["UFRONT1", "UFRONTL", "UMAINT1", "UMAINT2", "UMAINTL", "UCLEAN1", "UCLEANL", "UGREEN1", "UGREENL", "UMANAGR"];

const users = fc.oneof(fc.constantFrom(...staff, "UNOBODY1"), fc.stringMatching(/^U[A-Z0-9]{1,11}$/));
const channels = fc.oneof(fc.constantFrom(FRONTDESK_CHANNEL, "C0MAINT001", "C0CLEAN001", "C0GREEN001", "D0DIRECT01"), fc.stringMatching(/^C[A-Z0-9]{1,10}$/));
const ids = () => fc.oneof(fc.constantFrom(...caseIds), fc.uuid(), fc.string({ maxLength: 12 }));

/** Values shaped like the cards' (a case and version, a callback and attempt, a verification, a visit) with random fields, and plain junk. */
const values = () =>
  fc.oneof(
    fc.record({ ticketId: ids(), version: fc.oneof(fc.integer({ min: -2, max: 50 }), fc.constant(1)) }).map((value) => encodeValue(value)),
    fc.record({ callbackId: ids(), attempt: fc.integer({ min: -1, max: 5 }) }).map((value) => encodeValue(value)),
    fc.record({ verificationId: ids() }).map((value) => encodeValue(value)),
    fc.record({ ticketId: ids(), version: fc.integer({ min: 1, max: 5 }), visitAt: fc.constantFrom("2026-12-05T06:00:00.000Z", "yesterday") }).map((value) => encodeValue(value)),
    fc.json({ maxDepth: 2 }),
    fc.string({ maxLength: 80 }),
  );

/** Whether a value would decode for some button: anything else must be answered as out of date. */
const isJunk = (value: string | undefined): boolean => {
  if (value === undefined) return true;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || Object.keys(parsed).length === 0;
  } catch {
    return true;
  }
};

const click = () =>
  fc.record({
  user: users,
  channel: channels,
  actionId: fc.oneof(fc.constantFrom(...knownActions), fc.string({ minLength: 1, maxLength: 30 })),
  value: fc.option(values(), { nil: undefined }),
});

/** `view.state.values`: blocks of inputs with random types and contents. */
const stateValues = fc.dictionary(
  fc.oneof(fc.constantFrom("reason", "assignee", "date", "time", "fee_type", "fee_period", "fee_amount", "fee_paid_on", "complaint_words", "service_item_1", "service_quantity_1", "intake_kind", "intake_unit", "intake_building"), fc.string({ maxLength: 10 })),
  fc.dictionary(
    fc.string({ maxLength: 10 }),
    fc.oneof(
      fc.record({ type: fc.constant("plain_text_input"), value: fc.option(fc.string({ maxLength: 40 })) }),
      fc.record({ type: fc.constant("static_select"), selected_option: fc.option(fc.record({ text: fc.record({ type: fc.constant("plain_text"), text: fc.string() }), value: fc.string({ maxLength: 20 }) })) }),
      fc.record({ type: fc.constant("datepicker"), selected_date: fc.option(fc.constantFrom("2026-12-03", "2026-02-30", "x")) }),
      fc.record({ type: fc.constant("timepicker"), selected_time: fc.option(fc.constantFrom("10:00", "25:61", "")) }),
    ),
    { maxKeys: 2 },
  ),
  { maxKeys: 4 },
);

const submission = () =>
  fc.record({
  user: users,
  callbackId: fc.oneof(fc.constantFrom(...knownViews), fc.string({ maxLength: 20 })),
  metadata: fc.oneof(
    fc.record({ ticketId: ids(), channel: channels }).map((value) => encodeValue(value)),
    fc.json({ maxDepth: 2 }),
    fc.string({ maxLength: 40 }),
  ),
  values: stateValues,
});

/** Requests Slack never sends in this shape: missing users, no actions, unknown types, bad JSON. */
const malformed = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.record({ type: fc.constantFrom("block_actions", "view_submission", "shortcut", "view_closed", "block_suggestion", "message_action", "event_callback", "nonsense"), user: fc.option(fc.record({ id: fc.string() })) }),
  fc.record({ type: fc.constant("block_actions"), user: fc.record({ id: users }), actions: fc.array(fc.record({ action_id: fc.string() }), { maxLength: 2 }) }),
);

async function settle(): Promise<void> {
  // Listeners act after their ack; give them a moment before looking at what they said.
  await new Promise((resolve) => setTimeout(resolve, 15));
}

function expectNothingBroke(): void {
  expect(rejections).toEqual([]);
  expect(h.fake.callsOf("chat.postEphemeral").map((call) => call.payload.text)).not.toContain(somethingWentWrong);
  expect(h.logs.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
}

describe("random Slack payloads, signed, to the real /slack/events", () => {
  it("button clicks with random action ids and values: 200, and an id no listener knows or a value no button decodes is answered privately as out of date", async () => {
    await fc.assert(
      fc.asyncProperty(click(), async ({ user, channel, actionId, value }) => {
        const before = h.fake.callsOf("chat.postEphemeral").length;
        const response = await postToBolt(h.url, SIGNING_SECRET, blockActionPayload({ user, channel, messageTs: "1764554400.000100", actionId, ...(value === undefined ? {} : { value }) }));
        expect(response.status).toBe(200);
        await settle();
        if (!knownActions.includes(actionId) || isJunk(value)) {
          await expect.poll(() => h.fake.callsOf("chat.postEphemeral").slice(before).filter((call) => call.payload.user === user).map((call) => call.payload.text)).toContain(outOfDate);
        }
        expectNothingBroke();
      }),
      runs,
    );
  }, propertyTimeout);

  it("modal submissions with random state and private metadata: 200, closed, kept open with errors, or turned into a notice", async () => {
    await fc.assert(
      fc.asyncProperty(submission(), async ({ user, callbackId, metadata, values }) => {
        const response = await postToBolt(h.url, SIGNING_SECRET, viewSubmissionPayload({ user, callbackId, privateMetadata: metadata, values }));
        expect(response.status).toBe(200);
        if (response.body !== "") expect((JSON.parse(response.body) as { response_action: string }).response_action).toMatch(/^(errors|update|push|clear)$/);
        await settle();
        expectNothingBroke();
      }),
      runs,
    );
  }, propertyTimeout);

  it("shortcuts from anyone, known or not: 200", async () => {
    await fc.assert(
      fc.asyncProperty(users, fc.oneof(fc.constant("new_request"), fc.string({ minLength: 1, maxLength: 20 })), async (user, callbackId) => {
        const response = await postToBolt(h.url, SIGNING_SECRET, globalShortcutPayload({ user, callbackId }));
        expect(response.status).toBe(200);
        await settle();
        expectNothingBroke();
      }),
      { numRuns: 50 },
    );
  }, propertyTimeout);

  it("malformed but signed requests: refused with a 4xx or acknowledged, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(malformed, fc.boolean(), async (payload, asForm) => {
        const response = asForm
          ? await postToBolt(h.url, SIGNING_SECRET, payload as object)
          : await postSignedToBolt(h.url, SIGNING_SECRET, JSON.stringify(payload), "application/json");
        expect(response.status).toBeLessThan(500);
        await settle();
        expectNothingBroke();
      }),
      runs,
    );
  }, propertyTimeout);
});
