import { expect } from "vitest";
import { chargeRowInputs } from "../../src/adapters/slack/blocks/charge-rows.js";
import { modalInputs } from "../../src/adapters/slack/interaction-values.js";
import { buttonsOf, staffChannel, textOf, translator, type Harness, type OwnerPhone, type StaffMemberAtSlack } from "./e2e-harness.js";

/** A staff button's label as the English staff side shows it. */
export const staffLabel = (key: string) => translator.t("en", `staff:buttons.${key}`);

/**
 * The maintenance side of a repair from its card to Done: claim, schedule 09:30 on 1 December,
 * the owner confirms, start at 09:30 and finish at 11:00 Shanghai time, recording `items` (code
 * and quantity) in Done's modal for a paid repair; returns once the owner has been asked "Fixed?".
 */
export async function dispatchAndFinish(h: Harness, owner: OwnerPhone, tech: StaffMemberAtSlack, number: string, items: [string, string][] = []): Promise<void> {
  await h.until(() => expect(tech.card(staffChannel, number)).toBeDefined());
  await tech.click(staffChannel, number, staffLabel("claim"));
  await h.until(() => expect(textOf(tech.card(staffChannel, number))).toContain("Zhang Wei"));

  await tech.click(staffChannel, number, staffLabel("schedule"));
  await h.until(() => expect(h.slack.views().length).toBeGreaterThan(0));
  await tech.submitModal({
    [modalInputs.date]: { type: "datepicker", selected_date: "2026-12-01" },
    [modalInputs.time]: { type: "timepicker", selected_time: "09:30" },
  });
  await h.until(() => expect(owner.chat().some((m) => JSON.stringify(m.reply_markup ?? {}).includes(owner.t("owner:actions.appointment.confirm")))).toBe(true));
  await owner.press(owner.t("owner:actions.appointment.confirm"));

  h.time.set("2026-12-01T01:30:00Z");
  await tech.click(staffChannel, number, staffLabel("start"));
  await h.until(() => expect(buttonsOf(tech.card(staffChannel, number)).map((b) => b.text.text)).toContain(staffLabel("done")));
  h.time.set("2026-12-01T03:00:00Z");
  const modals = h.slack.views().length;
  await tech.click(staffChannel, number, staffLabel("done"));
  if (items.length > 0) {
    await h.until(() => expect(h.slack.views().length).toBe(modals + 1));
    await tech.submitModal(Object.fromEntries(items.flatMap(([code, quantity], index) => [
      [chargeRowInputs(index + 1).item, { type: "static_select", selected_option: { text: { type: "plain_text", text: code }, value: code } }],
      [chargeRowInputs(index + 1).quantity, { type: "plain_text_input", value: quantity }],
    ])));
  }
  await h.until(() => expect(owner.chat().some((m) => JSON.stringify(m.reply_markup ?? {}).includes(owner.t("owner:actions.fixed.yes")))).toBe(true));
}
