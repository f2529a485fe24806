import type { App, BlockButtonAction, types } from "@slack/bolt";
import type { TicketAction } from "../../../../core/domain/lifecycle.js";
import type { Ticket } from "../../../../core/domain/ticket.js";
import { checkTicketAction } from "../../../../core/use-cases/check-ticket-action.js";
import { listTeamStaff } from "../../../../core/use-cases/list-team-staff.js";
import { assignModal, cancelModal, scheduleModal } from "../../blocks/modals.js";
import { actionIds, decodeValue, type ModalMetadata, TicketButtonValueSchema } from "../../interaction-values.js";
import { toLocalDateTime } from "../../local-time.js";
import type { SlackDeps } from "../../slack-deps.js";
import { actOnFirstDelivery, explainFailure, explainUnreadable, staffText, tellClicker } from "../interaction.js";

type ModalOrRefusal = { view: types.ModalView } | { refusal: string };
type BuildModal = (ticket: Ticket, metadata: ModalMetadata) => Promise<ModalOrRefusal>;

const day = 24 * 3_600_000;

/**
 * A card button that opens a modal for `action`, after the core's checks pass (so strangers and
 * members without the right are told at the click). Slack's trigger id is valid for 3 s, so
 * nothing slow may run before `views.open`.
 */
function opensModal(app: App, deps: SlackDeps, actionId: string, action: TicketAction, build: BuildModal): void {
  const log = deps.logger.child({ surface: "modal-buttons" });
  app.action<BlockButtonAction>(actionId, async ({ ack, body, action: button, client }) => {
    await ack();
    const clicker = { userId: body.user.id, channel: body.channel?.id };
    const value = decodeValue(TicketButtonValueSchema, button.value);
    const channel = clicker.channel;
    if (!value || !channel) return explainUnreadable(deps, client, clicker, log, actionId);
    const context = { actionId, ticketId: value.ticketId };
    try {
      // Keyed by trigger id, not by card version: reopening a modal after closing it must work.
      const acted = await actOnFirstDelivery(deps, `${actionId}:${body.trigger_id}`, async () => {
        const ticket = await checkTicketAction(deps.workflow, { ticketId: value.ticketId, staffUserId: clicker.userId }, action);
        const built = await build(ticket, { ticketId: ticket.id, channel });
        if ("refusal" in built) return tellClicker(client, clicker, built.refusal, log);
        await client.views.open({ trigger_id: body.trigger_id, view: built.view });
      });
      if (!acted) log.info(context, "repeated click ignored");
    } catch (error) {
      await explainFailure({ deps, client, clicker, error, log, context });
    }
  });
}

/** Assign, Schedule and Cancel: each opens its modal; the submission acts (see views/). */
export function registerModalButtons(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);

  opensModal(app, deps, actionIds.assign, "assign", async (ticket, metadata) => {
    const members = await listTeamStaff(deps.workflow, ticket.team);
    if (members.length === 0) return { refusal: t("staff:errors.no_team_members", { team: ticket.team }) };
    return { view: assignModal({ ticket, members, metadata }, t) };
  });

  opensModal(app, deps, actionIds.schedule, "propose_time", async (ticket, metadata) => {
    const { timeZone } = deps.workflow;
    const initial = ticket.appointmentAt
      ? toLocalDateTime(ticket.appointmentAt, timeZone)
      : { date: toLocalDateTime(new Date(deps.workflow.time.now().getTime() + day), timeZone).date, time: "10:00" };
    return { view: scheduleModal({ ticket, initial, timeZone, metadata }, t) };
  });

  opensModal(app, deps, actionIds.cancel, "cancel", async (ticket, metadata) => ({ view: cancelModal({ ticket, metadata }, t) }));
}
