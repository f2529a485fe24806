import type { types } from "@slack/bolt";
import type { ComplaintCase, ComplaintDetails } from "../../../../core/kinds/complaint/details.js";
import type { CaseView } from "../../../../core/use-cases/get-case-view.js";
import { caseCardFooter, reporterLabel } from "../../blocks/case-card.js";
import {
  context,
  escapeMrkdwn,
  field,
  fieldSections,
  type FormatInstant,
  type KnownBlock,
  mrkdwn,
  plain,
  type SlackMessage,
  type Translate,
  truncate,
  unitLabel,
} from "../../blocks/format.js";
import { complaintCardButtons } from "./card-buttons.js";
import { complaintEvents } from "./events.js";

/** What a complaint's card and prompts are drawn from. */
export type ComplaintView = CaseView<ComplaintDetails>;

/** The complaint under its number at the top of its modals: what happened, in the owner's words. */
export function complaintSummary(complaint: Pick<ComplaintCase, "details">): string {
  return complaint.details.description;
}

/** The tier as decided, or the suggestion while the front desk has not classified it. */
export function tierLabel(details: Pick<ComplaintDetails, "tier" | "suggestedTier">, t: Translate): string {
  return details.tier ? t(`common:complaint_tier.${details.tier}`) : t("staff:complaint.suggested", { tier: t(`common:complaint_tier.${details.suggestedTier}`) });
}

/** The harm repair's number when the view read it, else a plain "yes": the link exists either way. */
export function harmRepairLabel(view: Pick<ComplaintView, "subject" | "caseNumbers">, t: Translate): string | null {
  const id = view.subject.details.harmRepairId;
  if (!id) return null;
  return view.caseNumbers?.[id] ?? t("staff:complaint.harm_repair_unknown");
}

function cardFields(view: ComplaintView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const { subject } = view;
  const complaint = subject.details;
  const at = (instant: Date | null) => (instant ? formatInstant(instant) : "-");
  const fields = [
    field(t("staff:card.unit"), unitLabel(view.unit)),
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.status"), t(`common:status.${subject.status}`)),
    field(t("staff:complaint.channel"), t(`staff:complaint.channels.${complaint.channel}`)),
    field(t("staff:complaint.tier"), tierLabel(complaint, t)),
    field(t("staff:complaint.department"), complaint.department ? t(`staff:team_names.${complaint.department}`) : t("staff:complaint.no_department")),
    field(t("staff:complaint.responsible"), view.assignee?.name ?? t("staff:card.unassigned")),
  ];
  if (complaint.ownerDeadline) fields.push(field(t("staff:complaint.owner_deadline"), formatInstant(complaint.ownerDeadline)));
  fields.push(
    field(t("staff:complaint.resolve_by"), complaint.resolveBy ? formatInstant(complaint.resolveBy) : t("staff:complaint.not_classified")),
    field(t("staff:complaint.acknowledged_at"), at(complaint.acknowledgedAt)),
    field(t("staff:complaint.contacted_at"), at(complaint.contactedAt)),
  );
  if (complaint.photos.length > 0) fields.push(field(t("staff:card.photos"), String(complaint.photos.length)));
  return fields;
}

/** A titled paragraph of words people typed; escaped here. */
function paragraph(title: string, text: string): KnownBlock {
  return { type: "section", text: mrkdwn(truncate(`*${title}*\n${escapeMrkdwn(text)}`, 3000)) };
}

function wordsBlocks(view: ComplaintView, t: Translate, formatInstant: FormatInstant): KnownBlock[] {
  const { subject } = view;
  const complaint = subject.details;
  const blocks: KnownBlock[] = [paragraph(t("staff:complaint.what_happened"), complaint.description), paragraph(t("staff:complaint.when_where"), complaint.whenWhere)];
  if (complaint.about) blocks.push(paragraph(t("staff:complaint.about"), complaint.about));
  blocks.push(paragraph(t("staff:complaint.owner_request"), complaint.ownerRequest));
  if (complaint.answer) blocks.push(paragraph(t("staff:complaint.answer", { at: complaint.answeredAt ? formatInstant(complaint.answeredAt) : "-" }), complaint.answer));
  if (complaint.resolution) blocks.push(paragraph(t("staff:complaint.resolution", { at: complaint.resolvedAt ? formatInstant(complaint.resolvedAt) : "-" }), complaint.resolution));
  if (complaint.invalidReply) blocks.push(paragraph(t("staff:complaint.invalid_reply"), complaint.invalidReply));
  const notes: string[] = [];
  if (complaint.ownerVerdict) notes.push(t("staff:complaint.owner_verdict", { verdict: t(`staff:complaint.verdicts.${complaint.ownerVerdict}`) }));
  const harm = harmRepairLabel(view, t);
  if (harm) notes.push(t("staff:complaint.harm_repair", { number: harm }));
  if (subject.cancelReason && subject.status === "cancelled") notes.push(t("staff:card.cancel_reason", { reason: subject.cancelReason }));
  if (notes.length > 0) blocks.push(context(escapeMrkdwn(notes.join("\n"))));
  return blocks;
}

/**
 * The complaint card (投诉登记) in the front desk's channel, and as a copy in the manager's (major)
 * and the responsible department's: the facts the owner gave, the tier (suggested until the
 * front desk decides), who is responsible, the deadlines, the answer and resolution once given,
 * then the shared footer: running clocks (overdue ones marked), history and the buttons the
 * lifecycle allows now. Pure, so the sender redraws every copy in place after every change.
 */
export function complaintCard(view: ComplaintView, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { subject } = view;
  const topic = t(`common:complaint_subject.${subject.details.subject}`);
  const status = t(`common:status.${subject.status}`);
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(t("staff:complaint.title", { number: subject.number, subject: topic }), 150)) },
    ...fieldSections(cardFields(view, t, formatInstant)),
    ...wordsBlocks(view, t, formatInstant),
    ...caseCardFooter(view, { buttons: complaintCardButtons(subject.details.suggestedTier), events: complaintEvents }, t, formatInstant),
  ];
  const text = t("staff:complaint.fallback", { number: subject.number, subject: topic, unit: unitLabel(view.unit), status, tier: tierLabel(subject.details, t) });
  return { text: escapeMrkdwn(text), blocks };
}
