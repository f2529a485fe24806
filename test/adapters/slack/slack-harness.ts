import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { pino } from "pino";
import { createSlackApp, type SlackDeps } from "../../../src/adapters/slack/create-slack-app.js";
import { createSlackSenderClient, SlackMessageSender } from "../../../src/adapters/slack/slack-message-sender.js";
import { RateGate } from "../../../src/core/domain/rate-gate.js";
import type { Team } from "../../../src/core/domain/registry.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { deliverOutbox, type DeliveryReport } from "../../../src/core/use-cases/deliver-outbox.js";
import {
  blockActionPayload,
  type BoltResponse,
  FAKE_SLACK_TEAM,
  type FakeSlack,
  postToBolt,
  type SlackShownMessage,
  startFakeSlack,
  viewSubmissionPayload,
} from "../../../src/testing/fake-slack-server.js";
import type { MemoryStore } from "../../../src/testing/memory-store.js";
import { createFixture, type Fixture } from "../../support/workflow-fixture.js";
import { buttonOf } from "./block-text.js";
import { testTranslator } from "./staff-text.js";

export const TOKEN = "xoxb-test-token";
export const SIGNING_SECRET = "test-signing-secret";
export const MAINTENANCE_CHANNEL = "C0MAINT001";
export const FRONTDESK_CHANNEL = "C0FRONT001";
export const MANAGER_CHANNEL = "C0MANAG001";
export const CLEANING_CHANNEL = "C0CLEAN001";
export const GREENING_CHANNEL = "C0GREEN001";
const OTHER_CHANNEL = "C0STAFF001";

export function channelFor(team: Team): string {
  if (team === "maintenance") return MAINTENANCE_CHANNEL;
  if (team === "frontdesk") return FRONTDESK_CHANNEL;
  if (team === "manager") return MANAGER_CHANNEL;
  if (team === "cleaning") return CLEANING_CHANNEL;
  if (team === "greening") return GREENING_CHANNEL;
  return OTHER_CHANNEL;
}

export type LogLine = Record<string, unknown> & { msg: string; level: number };

export interface SlackHarness extends Fixture {
  memory: MemoryStore;
  fake: FakeSlack;
  /** `POST /slack/events` of the running receiver. */
  url: string;
  sender: SlackMessageSender;
  /** Everything the adapter logged, parsed. */
  logs: LogLine[];
  /** Delivers every pending Slack outbox row through the real sender, without pacing waits. */
  deliver(): Promise<DeliveryReport>;
  /** Clicks `actionId` on a message shown by the fake, as Slack would post it to the app. */
  click(message: SlackShownMessage, actionId: string, user: string): Promise<BoltResponse>;
  /** Submits a modal the fake opened, with `values` as `view.state.values`. */
  submit(view: ViewOutput, user: string, values: Record<string, Record<string, ViewStateValue>>): Promise<BoltResponse>;
  /** The stored repair `id`, with its details. */
  ticket(id: string): RepairCase;
  /** The latest message shown in a channel. */
  latest(channel: string): SlackShownMessage;
  close(): Promise<void>;
}

/**
 * The real Bolt app (createSlackApp) serving `receiver.app` on a loopback port, the fake Web
 * API, the memory store seeded with the fixture's units (or `units`) and staff, and the outbox sender;
 * the fixture's clock starts at `at` when given.
 */
export async function startSlackHarness(options: { units?: Record<string, string>[]; at?: string } = {}): Promise<SlackHarness> {
  const fixture = await createFixture({ ...(options.units ? { units: options.units } : {}), ...(options.at ? { at: options.at } : {}) });
  const memory = fixture.memory as MemoryStore;
  const fake = await startFakeSlack({ token: TOKEN });
  const translator = testTranslator();
  const logs: LogLine[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const deps: SlackDeps = {
    token: TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    botId: FAKE_SLACK_TEAM.botId,
    botUserId: FAKE_SLACK_TEAM.botUserId,
    workflow: fixture.ctx,
    translator,
    staffLocale: "en",
    channelFor,
    logger,
    retries: 0,
  };
  const { receiver } = createSlackApp(deps);
  const server: Server = receiver.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const sender = new SlackMessageSender({
    client: createSlackSenderClient({ token: TOKEN, apiUrl: fake.apiUrl, logger }),
    workflow: fixture.ctx,
    translator,
    staffLocale: "en",
    channelFor,
  });
  const gate = new RateGate();

  return {
    ...fixture,
    memory,
    fake,
    url,
    sender,
    logs,
    deliver: () => deliverOutbox({ uow: fixture.store, channel: "slack", sender, gate, now: () => new Date(), sleep: async () => undefined }),
    click(message, actionId, user) {
      const channel = message.channel;
      const button = buttonOf(message.blocks, actionId);
      const payload = blockActionPayload({ user, channel, messageTs: message.ts, actionId, message, ...(button.value !== undefined ? { value: button.value } : {}) });
      return postToBolt(url, SIGNING_SECRET, payload);
    },
    submit(view, user, values) {
      return postToBolt(url, SIGNING_SECRET, viewSubmissionPayload({ user, view, values }));
    },
    ticket(id) {
      const found = memory.snapshot().cases.find((subject) => subject.id === id);
      if (!found) throw new Error(`no case ${id}`);
      return found as RepairCase;
    },
    latest(channel) {
      const message = fake.channel(channel).at(-1);
      if (!message) throw new Error(`nothing shown in ${channel}`);
      return message;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await fake.close();
    },
  };
}

/** Outbox rows of a type not yet delivered. */
export function pendingOfType(memory: MemoryStore, type: string) {
  return memory.snapshot().outbox.filter((message) => message.status === "pending" && message.payload.type === type);
}

/**
 * Drives a reported repair through the core to "in progress": claimed and scheduled by UMAINT1,
 * confirmed by the owner (Telegram user 7001) and started.
 */
export async function startRepair(ctx: WorkflowContext, ticketId: string): Promise<void> {
  const input = { caseId: ticketId, staffUserId: "UMAINT1" };
  await claimCase(ctx, input);
  await proposeAppointment(ctx, { ...input, at: new Date(ctx.time.now().getTime() + 3_600_000) });
  await confirmAppointment(ctx, { caseId: ticketId, ownerUserId: "7001" });
  await startWork(ctx, input);
}

/** Drives a reported repair through the core to "done, callback pending": {@link startRepair}, then completed. */
export async function finishRepair(ctx: WorkflowContext, ticketId: string): Promise<void> {
  await startRepair(ctx, ticketId);
  await completeWork(ctx, { caseId: ticketId, staffUserId: "UMAINT1" });
}
