import { Composer } from "grammy";
import { localDate } from "../../../../core/domain/deadline.js";
import { formatFen } from "../../../../core/domain/money.js";
import type { Locale } from "../../../../core/domain/registry.js";
import { getOwnerFees, type OwnerCharge, type OwnerFeeUnit } from "../../../../core/use-cases/fees/get-owner-fees.js";
import { feeTypeName } from "../../../../core/kinds/fee/household.js";
import type { BotContext, OwnerBotDeps, Render } from "../../context.js";
import { isVerifiedOwner, ownerProfile, replyNotVerified, senderId } from "../../features/owner-helpers.js";

/** A local date `YYYY-MM-DD` as owners read it ("Fri, Dec 4", "12月4日周五"); it is already the property's day. */
function localDateText(locale: Locale, date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", weekday: "short" }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** One unpaid charge: period, fee type, what is left of it, its due date, and a promise or dispute on it. */
function chargeLine(charge: OwnerCharge, t: Render, locale: Locale): string {
  const params = { period: charge.period, type: feeTypeName(charge.feeType, locale), amount: formatFen(charge.outstandingFen), due: localDateText(locale, charge.dueDate) };
  const line = charge.paidFen > 0 ? t("owner:fees.charge_partly", { ...params, of: formatFen(charge.amountFen) }) : t("owner:fees.charge", params);
  if (charge.disputed) return `${line} ${t("owner:fees.disputed")}`;
  if (charge.promisedBy !== null) return `${line} ${t("owner:fees.promised", { date: localDateText(locale, charge.promisedBy) })}`;
  return line;
}

/** One unit's message of /fees: what is due, the total, where it stands on the ladder, and the payments with their receipts. */
function unitSection(fees: OwnerFeeUnit, t: Render, locale: Locale, timeZone: string): string {
  const lines = [t("owner:fees.unit_title", { building: fees.unit.building, unit: fees.unit.unit })];
  if (fees.charges.length === 0) lines.push(t("owner:fees.unit_nothing_due"));
  else lines.push(t("owner:fees.due_heading"), ...fees.charges.map((charge) => chargeLine(charge, t, locale)), t("owner:fees.total", { amount: formatFen(fees.outstandingFen) }));
  if (fees.stage !== null) lines.push(t("owner:fees.stage_line", { stage: t(`owner:fee.stage.${fees.stage}`) }));
  lines.push("", t("owner:fees.history_heading"));
  if (fees.payments.length === 0) lines.push(t("owner:fees.no_payments"));
  for (const payment of fees.payments) {
    const type = feeTypeName(payment.feeType, locale);
    lines.push(t("owner:fees.payment", { paidAt: localDateText(locale, localDate(payment.paidAt, timeZone)), period: payment.period, type, amount: formatFen(payment.amountFen), receipt: payment.receiptNumber }));
  }
  return lines.join("\n");
}

/**
 * `/fees` and its menu entry: for each of the owner's own units, a message of its own with what
 * is unpaid per period and fee type, the total, where the household stands on the ladder, and
 * the payments with their receipt numbers. An owner with nothing to pay is told so first.
 */
export function feesOverviewFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const showFees = async (ctx: BotContext) => {
    if (!isVerifiedOwner(await ownerProfile(deps, ctx))) {
      await replyNotVerified(ctx);
      return;
    }
    const units = await getOwnerFees(deps.workflow, { ownerUserId: senderId(ctx) });
    const owing = units.some((fees) => fees.outstandingFen > 0);
    await ctx.reply(ctx.t(owing ? "owner:fees.title" : "owner:fees.nothing_due"));
    for (const fees of units) await ctx.reply(unitSection(fees, ctx.t, ctx.locale, deps.workflow.timeZone));
  };
  feature.command(entry.command, showFees);
  feature.hears(deps.menu.labels(entry.menuKey), showFees);
  return feature;
}
