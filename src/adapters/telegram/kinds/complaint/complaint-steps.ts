import { InlineKeyboard } from "grammy";
import type { z } from "zod";
import { ComplaintSubjectSchema, type ComplaintSubject } from "../../../../core/kinds/complaint/details.js";
import { complaintRequestFields, type OwnerDeadline } from "../../../../core/kinds/complaint/new-complaint.js";
import { ComplaintStepSchema, encodeCallbackData, type ComplaintStep, type DeadlineChoice } from "../../callback-data.js";
import type { Dialog } from "../../conversations/dialog.js";
import type { ConversationClock } from "../../conversations/steps/preferred-time.js";
import { readDeadlineText } from "./deadline-text.js";

/** The core accepts at most ten photos per complaint. */
export const maxComplaintPhotos = 10;

/** The owner's written answers, each checked by the core's own rule at its step (not at submit). */
export const complaintTextFields = {
  description: complaintRequestFields.description,
  whenWhere: complaintRequestFields.whenWhere,
  about: complaintRequestFields.about.unwrap(),
  ownerRequest: complaintRequestFields.ownerRequest,
};

/** The subjects of the core, as buttons two per row. */
export async function askSubject(dialog: Dialog): Promise<ComplaintSubject> {
  const keyboard = new InlineKeyboard();
  ComplaintSubjectSchema.options.forEach((subject, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`common:complaint_subject.${subject}`), encodeCallbackData({ type: "subject", subject }));
  });
  const prompt = await dialog.say(dialog.t("owner:complaint_form.ask_subject"), { reply_markup: keyboard });
  const subject = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "subject" ? answer.data.subject : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`common:complaint_subject.${subject}`));
  return subject;
}

/** A written answer that must pass `rule`; the prompt and the hint both say the rule. */
export async function askText(dialog: Dialog, step: "description" | "when_where" | "request", rule: z.ZodType<string>): Promise<string> {
  await dialog.say(dialog.t(`owner:complaint_form.ask.${step}`));
  return dialog.choose((answer) => {
    if (answer.kind !== "text") return undefined;
    const parsed = rule.safeParse(answer.text);
    return parsed.success ? parsed.data : undefined;
  }, `owner:complaint_form.hint.${step}`);
}

/** Who or which department it is about, in the owner's words, or Skip (null). */
export async function askAbout(dialog: Dialog): Promise<string | null> {
  const keyboard = new InlineKeyboard().text(dialog.t("owner:complaint_form.skip"), encodeCallbackData({ type: "skip", field: "about" }));
  const prompt = await dialog.say(dialog.t("owner:complaint_form.ask.about"), { reply_markup: keyboard });
  const about = await dialog.choose<{ text: string | null }>((answer) => {
    if (answer.kind === "button") return answer.data.type === "skip" ? { text: null } : undefined;
    if (answer.kind !== "text") return undefined;
    const parsed = complaintTextFields.about.safeParse(answer.text);
    return parsed.success ? { text: parsed.data } : undefined;
  }, "owner:complaint_form.hint.about");
  // A typed answer already shows in the chat; only the skip needs saying on the prompt.
  if (about.text === null) await dialog.settle(prompt, dialog.t("owner:complaint_form.about_skipped"));
  else await dialog.settle(prompt, about.text);
  return about.text;
}

const deadlineButtons: { choice: DeadlineChoice; deadline: OwnerDeadline | null }[] = [
  { choice: "d1", deadline: { days: 1 } },
  { choice: "d3", deadline: { days: 3 } },
  { choice: "d7", deadline: { days: 7 } },
  { choice: "none", deadline: null },
];

/**
 * The deadline the owner wants, counted from the reception: a button (1, 3, 7 days, none) or a
 * typed date. A date the bot cannot read, one already past, or one more than a year ahead is
 * refused with its own reason, and the owner is asked again. Dates are read against the
 * conversation's clock (replay-safe), in the property's zone.
 */
export async function askDeadline(dialog: Dialog, clock: ConversationClock): Promise<OwnerDeadline | null> {
  const keyboard = new InlineKeyboard();
  deadlineButtons.forEach(({ choice }, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`owner:complaint_form.deadline.${choice}`), encodeCallbackData({ type: "deadline", choice }));
  });
  const prompt = await dialog.say(dialog.t("owner:complaint_form.ask.deadline"), { reply_markup: keyboard });
  for (;;) {
    const answer = await dialog.answer();
    if (answer.kind === "button") {
      const { data } = answer;
      const pressed = data.type === "deadline" ? deadlineButtons.find((button) => button.choice === data.choice) : undefined;
      await answer.ctx.answerCallbackQuery(pressed ? undefined : { text: dialog.t("owner:buttons.expired") });
      if (!pressed) continue;
      await dialog.settle(prompt, deadlineLabel(dialog, pressed.deadline));
      return pressed.deadline;
    }
    if (answer.kind !== "text") {
      await dialog.say(dialog.t("owner:complaint_form.hint.deadline"));
      continue;
    }
    const read = readDeadlineText(answer.text, await clock.now(), clock.timeZone);
    if (!read.ok) {
      await dialog.say(dialog.t(`owner:complaint_form.deadline_refused.${read.reason}`));
      continue;
    }
    const deadline: OwnerDeadline = { date: read.date };
    await dialog.settle(prompt, deadlineLabel(dialog, deadline));
    return deadline;
  }
}

/** A deadline as the owner reads it: "Within 3 days", "By Sat, Dec 5", "No deadline". */
export function deadlineLabel(dialog: Pick<Dialog, "t" | "locale">, deadline: OwnerDeadline | null): string {
  if (deadline === null) return dialog.t("owner:complaint_form.deadline_none");
  if ("days" in deadline) return dialog.t(`owner:complaint_form.deadline_within.${deadline.days}`);
  const [year, month, day] = deadline.date.split("-").map(Number) as [number, number, number];
  // A calendar date, not an instant: formatted at noon UTC so no zone moves it to another day.
  const date = new Intl.DateTimeFormat(dialog.locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric", weekday: "short" }).format(new Date(Date.UTC(year, month - 1, day, 12)));
  return dialog.t("owner:complaint_form.deadline_date", { date });
}

/** Which answer to change from the summary; the unit only for an owner of several. */
export async function askStepToEdit(dialog: Dialog, severalUnits: boolean): Promise<ComplaintStep> {
  const steps = ComplaintStepSchema.options.filter((step) => step !== "unit" || severalUnits);
  const keyboard = new InlineKeyboard();
  steps.forEach((step, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`owner:complaint_form.steps.${step}`), encodeCallbackData({ type: "complaint_edit", step }));
  });
  const prompt = await dialog.say(dialog.t("owner:complaint_form.ask_edit"), { reply_markup: keyboard });
  const step = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "complaint_edit" && steps.includes(answer.data.step) ? answer.data.step : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`owner:complaint_form.steps.${step}`));
  return step;
}
