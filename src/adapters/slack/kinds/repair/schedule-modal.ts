import type { types } from "@slack/bolt";
import type { RepairCase } from "../../../../core/kinds/repair/details.js";
import { context, escapeMrkdwn, plain, type Translate } from "../../blocks/format.js";
import { modalView, subjectSection } from "../../blocks/modals.js";
import { type ModalMetadata, modalInputs } from "../../interaction-values.js";
import type { LocalDateTime } from "../../local-time.js";
import { repairSummary } from "./card.js";
import { zoneName } from "../../blocks/zone-name.js";
import { repairViewIds } from "./interaction.js";

/**
 * Schedule: a date and a time on the property's clocks (`timeZone`, shown under the time
 * picker), prefilled with `initial`; the owner's own wish is shown above so staff propose what
 * the owner asked for. The owner must then confirm the time in the bot.
 */
export function scheduleModal(
  input: { repair: Pick<RepairCase, "number" | "details">; initial: LocalDateTime; timeZone: string; locale: string; metadata: ModalMetadata },
  t: Translate,
): types.ModalView {
  const { details } = input.repair;
  const wishes = [details.preferredTime ? t("staff:modals.schedule.owner_preferred", { preferredTime: details.preferredTime }) : t("staff:card.at_once")];
  if (details.ownerTimeRequest) wishes.push(t("staff:modals.schedule.owner_request", { request: details.ownerTimeRequest }));
  return modalView(repairViewIds.schedule, t("staff:modals.schedule.title"), input.metadata, [
    subjectSection({ number: input.repair.number, summary: repairSummary(input.repair) }),
    context(escapeMrkdwn(wishes.join("\n"))),
    {
      type: "input",
      block_id: modalInputs.date,
      label: plain(t("staff:modals.schedule.date")),
      element: { type: "datepicker", action_id: modalInputs.date, initial_date: input.initial.date },
    },
    {
      type: "input",
      block_id: modalInputs.time,
      label: plain(t("staff:modals.schedule.time", { zone: zoneName(input.timeZone, t, input.locale) })),
      element: { type: "timepicker", action_id: modalInputs.time, initial_time: input.initial.time, timezone: input.timeZone },
    },
    context(t("staff:modals.schedule.hint")),
  ], t);
}
