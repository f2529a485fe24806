import { expect } from "vitest";
import { serviceInputs } from "../../src/adapters/slack/kinds/service/interaction.js";
import type { ServiceType } from "../../src/core/kinds/service/details.js";
import { buttonsOf, translator, type Harness, type OwnerPhone, type StaffMemberAtSlack } from "./e2e-harness.js";

export const cleaningChannel = "CCLEAN";
export const greeningChannel = "CGREEN";

/** The service teams' channels besides the shared staff channel. */
export const serviceEnv = { SLACK_CHANNEL_CLEANING: cleaningChannel, SLACK_CHANNEL_GREENING: greeningChannel };

/** A service button's label as the English staff side shows it. */
export const serviceLabel = (key: string, params: Record<string, string> = {}) => translator.t("en", `staff:service.buttons.${key}`, params);

/** The harness's staff with the cleaning and greening teams, imported through the admin CLI as an operator would. */
export async function withServiceTeams(h: Harness): Promise<void> {
  await h.cli("import", "staff", h.csv("staff-services.csv", [
    "slack_user_id,name,team,role",
    "UFRONT1,Lily Chen,frontdesk,member",
    "UFRONTL,Grace Wu,frontdesk,leader",
    "UMAINT1,Zhang Wei,maintenance,member",
    "UMAINTL,Zhao Lei,maintenance,leader",
    "UCLEAN1,Sun Mei,cleaning,member",
    "UCLEANL,Zhou Jing,cleaning,leader",
    "UGREENL,Xu Ming,greening,leader",
  ]));
}

/** The owner onboards with the phone the register has for them. */
export async function onboard(owner: OwnerPhone, phone: string): Promise<void> {
  await owner.say("/start");
  await owner.shareOwnContact(phone);
  expect(owner.texts()).toContain(owner.t("owner:verify.verified"));
}

export interface ServiceBooking {
  team: "cleaning" | "greening";
  serviceType: ServiceType;
  /** The item's button label prefix (its name) where the type offers several. */
  item?: string;
  /** The quantity's button label (the unit's area, 3 hours), pressed when given. */
  quantity?: string;
  requests?: string;
  preferredTime: string;
}

/** A booking through /services up to its summary; returns the summary's text. */
export async function bookUpToSummary(owner: OwnerPhone, booking: ServiceBooking): Promise<string> {
  await owner.say("/services");
  await owner.press(owner.t(`owner:services.teams.${booking.team}`));
  await owner.press(owner.t(`owner:services.types.${booking.serviceType}`));
  if (booking.item) await owner.press((text) => text.startsWith(`${booking.item as string} ·`));
  if (booking.quantity) await owner.press(booking.quantity);
  if (booking.requests) await owner.say(booking.requests);
  else await owner.press(owner.t("owner:services.skip"));
  await owner.say(booking.preferredTime);
  return owner.lastText();
}

/** A booking through /services submitted; returns the new order's number. */
export async function bookService(owner: OwnerPhone, booking: ServiceBooking): Promise<string> {
  const before = new Set(owner.texts().join("\n").match(/S-\d{4}-\d{6}(?!-)/g) ?? []);
  await bookUpToSummary(owner, booking);
  await owner.press(owner.t("owner:report.summary.submit"));
  const number = (owner.texts().join("\n").match(/S-\d{4}-\d{6}(?!-)/g) ?? []).find((candidate) => !before.has(candidate));
  expect(number, owner.texts().join("\n")).toBeDefined();
  return number as string;
}

/** True when some message in the owner's chat carries a button labelled `label`. */
export function hasButton(owner: OwnerPhone, label: string): boolean {
  return owner.chat().some((message) => (message.reply_markup?.inline_keyboard ?? []).flat().some((button) => button.text === label));
}

export function cardButtons(staff: StaffMemberAtSlack, channel: string, number: string): string[] {
  return buttonsOf(staff.card(channel, number)).map((button) => button.text.text);
}

/** The leader clicks Propose time (or Schedule site visit) and picks a date and time on the property's clocks. */
export async function pickTime(h: Harness, staff: StaffMemberAtSlack, channel: string, number: string, label: string, local: { date: string; time: string }, extra: Record<string, Record<string, unknown>> = {}): Promise<void> {
  const views = h.slack.views().length;
  await staff.click(channel, number, label);
  await h.until(() => expect(h.slack.views().length).toBeGreaterThan(views));
  await staff.submitModal({
    [serviceInputs.date]: { type: "datepicker", selected_date: local.date },
    [serviceInputs.time]: { type: "timepicker", selected_time: local.time },
    ...extra,
  });
}

/** The leader quotes: rows of an item of the standard and its quantity, and a package's weekdays and time. */
export async function quote(h: Harness, staff: StaffMemberAtSlack, channel: string, number: string, lines: { code: string; quantity: string }[], schedule?: { weekdays: number[]; time: string }): Promise<void> {
  const views = h.slack.views().length;
  await staff.click(channel, number, serviceLabel("quote"));
  await h.until(() => expect(h.slack.views().length).toBeGreaterThan(views));
  const values: Record<string, Record<string, unknown>> = {};
  lines.forEach((line, index) => {
    values[serviceInputs.item(index + 1)] = { type: "static_select", selected_option: { value: line.code } };
    values[serviceInputs.quantity(index + 1)] = { type: "plain_text_input", value: line.quantity };
  });
  if (schedule) {
    values[serviceInputs.weekdays] = { type: "multi_static_select", selected_options: schedule.weekdays.map((day) => ({ value: String(day) })) };
    values[serviceInputs.visitTime] = { type: "timepicker", selected_time: schedule.time };
    values[serviceInputs.weeks] = { type: "static_select", selected_option: { value: "every" } };
  }
  await staff.submitModal(values);
}


/** The leader proposes `local` on the card and the owner confirms it: the work order opens. */
export async function proposeAndConfirm(h: Harness, owner: OwnerPhone, leader: StaffMemberAtSlack, channel: string, card: string, local: { date: string; time: string }): Promise<void> {
  await h.until(() => expect(cardButtons(leader, channel, card)).toContain(serviceLabel("propose_time")));
  await pickTime(h, leader, channel, card, serviceLabel("propose_time"), local);
  const confirm = owner.t("owner:service.actions.time.confirm");
  await h.until(() => expect(hasButton(owner, confirm)).toBe(true));
  await owner.press(confirm);
}

/** `worker` starts at `startAt` and marks it done at `doneAt`; returns once the owner is asked to accept the work. */
export async function startAndFinish(h: Harness, owner: OwnerPhone, worker: StaffMemberAtSlack, channel: string, card: string, startAt: string, doneAt = startAt): Promise<void> {
  h.time.set(startAt);
  await h.until(() => expect(cardButtons(worker, channel, card)).toContain(serviceLabel("start")));
  await worker.click(channel, card, serviceLabel("start"));
  await h.until(() => expect(cardButtons(worker, channel, card)).toContain(serviceLabel("done")));
  h.time.set(doneAt);
  await worker.click(channel, card, serviceLabel("done"));
  await h.until(() => expect(hasButton(owner, owner.t("owner:service.actions.work.accept"))).toBe(true));
}
