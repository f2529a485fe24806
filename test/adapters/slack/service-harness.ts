import { readFileSync } from "node:fs";
import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { expect, vi } from "vitest";
import { parseCsv } from "../../../src/app/read-csv.js";
import type { OwnerButton } from "../../../src/core/domain/outbox.js";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { bookService, type BookServiceInput } from "../../../src/core/kinds/service/use-cases/book-service.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import type { SlackShownMessage } from "../../../src/testing/fake-slack-server.js";
import { verifiedOwner } from "../../support/workflow-fixture.js";
import { type SlackHarness, startSlackHarness } from "./slack-harness.js";

/** The cleaning and greening leaders and a gardener, besides the shared fixture's one cleaner (UCLEAN1). */
const serviceStaffRows = [
  { slack_user_id: "UCLEANL", name: "Zhou Jing", team: "cleaning", role: "leader" },
  { slack_user_id: "UGREEN1", name: "Huang Lin", team: "greening", role: "member" },
  { slack_user_id: "UGREENL", name: "Xu Ming", team: "greening", role: "leader" },
];

export type Values = Record<string, Record<string, ViewStateValue>>;

export const typed = (id: string, value: string): Values => ({ [id]: { [id]: { type: "plain_text_input", value } } });
export const chosen = (id: string, value: string | null): Values => ({
  [id]: { [id]: { type: "static_select", selected_option: value === null ? null : { text: { type: "plain_text", text: value }, value } } },
});
export const picked = (date: string, time: string): Values => ({
  service_date: { service_date: { type: "datepicker", selected_date: date } },
  service_time: { service_time: { type: "timepicker", selected_time: time } },
});

export interface ServiceHarness extends SlackHarness {
  /** Owner 7001 of 3-1202 (89.5 m²) books in the bot now; the card is delivered. */
  book(input: Omit<BookServiceInput, "ownerUserId">): Promise<ServiceCase>;
  order(id: string): ServiceCase;
  /** The order's card in `channel`, as shown now. */
  card(channel: string, number: string): SlackShownMessage;
  /** Clicks and waits for the modal the click opens. */
  openModal(message: SlackShownMessage, actionId: string, user: string): Promise<ViewOutput>;
  /** Submits a modal, expects it closed at once, waits for `done` and delivers the redrawn card. */
  submitAndDeliver(view: ViewOutput, user: string, values: Values, done: () => void): Promise<void>;
  /** Owner notices queued with `key`, newest last. */
  ownerNotices(key: string): { params: Record<string, unknown>; buttons: OwnerButton[] }[];
}

/**
 * The Slack harness with the service teams, the shipped price standard and the verified owner
 * 7001 of 3-1202, on Tuesday 2026-12-01 at 10:00 in Shanghai.
 */
export async function startServiceHarness(): Promise<ServiceHarness> {
  const h = await startSlackHarness();
  h.time.set("2026-12-01T02:00:00Z");
  const staff = await importStaff(h.ctx, serviceStaffRows.map((values, index) => ({ line: index + 2, values })));
  if (!staff.ok) throw new Error(JSON.stringify(staff.problems));
  const prices = await importPrices(h.ctx, parseCsv(readFileSync("samples/prices.csv", "utf8")));
  if (!prices.ok) throw new Error(JSON.stringify(prices.problems));
  await verifiedOwner(h.ctx);
  const order = (id: string) => {
    const found = h.memory.snapshot().cases.find((subject) => subject.id === id);
    if (!found) throw new Error(`no case ${id}`);
    return found as ServiceCase;
  };
  return {
    ...h,
    async book(input) {
      const booked = await bookService(h.ctx, { ownerUserId: "7001", ...input });
      await h.deliver();
      return booked;
    },
    order,
    card(channel, number) {
      const found = h.fake.channel(channel).find((message) => message.text.startsWith(number));
      if (!found) throw new Error(`no card ${number} in ${channel}: ${h.fake.channel(channel).map((message) => message.text).join(" | ")}`);
      return found;
    },
    async openModal(message, actionId, user) {
      const before = h.fake.views().length;
      await h.click(message, actionId, user);
      await vi.waitFor(() => expect(h.fake.views().length).toBe(before + 1));
      return h.fake.views().at(-1) as ViewOutput;
    },
    async submitAndDeliver(view, user, values, done) {
      const response = await h.submit(view, user, values);
      expect(response.body).toBe("");
      await vi.waitFor(done);
      await h.deliver();
    },
    ownerNotices(key) {
      return h.memory
        .snapshot()
        .outbox.map((row) => row.payload)
        .flatMap((payload) => (payload.type === "owner.notice" && payload.key === key ? [{ params: payload.params, buttons: payload.buttons }] : []));
    },
  };
}
