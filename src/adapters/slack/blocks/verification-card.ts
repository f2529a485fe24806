import type { VerificationRequest } from "../../../core/domain/registry.js";
import { actionIds, encodeValue } from "../interaction-values.js";
import { button, context, escapeMrkdwn, field, fieldSections, type FormatInstant, type KnownBlock, maskPhone, plain, type SlackMessage, type Translate } from "./format.js";

/**
 * The front desk's card for an owner whose phone is not in the registry: who they say they are
 * and which unit they claim, with Approve / Reject while pending and the decision afterwards. An
 * address the register lacks is shown as the owner typed it, marked so, with what to do about it.
 * `decidedByName` is the deciding staff member's name (null while pending or unknown).
 */
export function verificationCardBlocks(request: VerificationRequest, decidedByName: string | null, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const unit = `${request.building}-${request.unit}`;
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(t("staff:verification.title")) },
    ...fieldSections([
      field(t("staff:verification.name"), request.name),
      field(t("staff:verification.phone"), maskPhone(request.phone)),
      field(request.unitId === null ? t("staff:verification.unit_unlisted") : t("staff:card.unit"), escapeMrkdwn(unit)),
      field(t("staff:verification.requested_at"), formatInstant(request.createdAt)),
    ]),
  ];
  if (request.status === "pending") {
    const value = encodeValue({ verificationId: request.id });
    blocks.push(context(t(request.unitId === null ? "staff:verification.hint_unlisted" : "staff:verification.hint")));
    blocks.push({
      type: "actions",
      block_id: "verification_decision",
      elements: [
        button(actionIds.verificationApprove, t("staff:buttons.approve"), value, "primary"),
        button(actionIds.verificationReject, t("staff:buttons.reject"), value, "danger"),
      ],
    });
  } else {
    const decision = t(`staff:verification.${request.status}`, {
      name: decidedByName ?? t("staff:events.actors.staff"),
      at: request.decidedAt ? formatInstant(request.decidedAt) : "-",
    });
    blocks.push(context(escapeMrkdwn(decision)));
  }
  const text = t("staff:verification.fallback", { name: request.name, unit, status: t(`staff:verification.status.${request.status}`) });
  return { text: escapeMrkdwn(text), blocks };
}
