import type { ViewStateValue } from "@slack/bolt";
import { z } from "zod";
import { type FeeType, FeeTypeSchema, PeriodSchema } from "../../../../core/domain/fees.js";
import type { Translate } from "../../blocks/format.js";
import type { ParsedSubmission } from "../../listeners/views/on-submission.js";
import { fromLocalDateTime } from "../../local-time.js";
import { feeInputs } from "./interaction.js";

type Values = Record<string, Record<string, ViewStateValue>>;

/** The parts of an input's state the fee modals read; anything else Slack sends is ignored. */
const StateSchema = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
});

function state(values: Values, id: string): z.infer<typeof StateSchema> {
  const parsed = StateSchema.safeParse(values[id]?.[id]);
  return parsed.success ? parsed.data : {};
}

/** Yuan as staff type them (`350`, `45.5`, `1,234.50`, `¥45.50`): above 0, at most two decimals, in fen. */
export const YuanTextSchema = z
  .string()
  .trim()
  .transform((text) => text.replace(/^[¥￥]/, "").replace(/,/g, ""))
  .pipe(z.string().regex(/^(0|[1-9]\d{0,7})(\.\d{1,2})?$/))
  .transform((text) => {
    const [yuan = "0", fraction = ""] = text.split(".");
    return Number(yuan) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((fen) => fen > 0);

/** What a Record payment submission says. */
export interface PaymentInput {
  feeType: FeeType;
  period: string;
  amountFen: number;
  paidAt: Date;
}

/**
 * Reads Record payment; every wrong field is reported at once. A payment of today counts from
 * now; one of an earlier day from its noon on the property's clocks (the bank slip gives the day,
 * not the time). A day still to come is refused here, as the core refuses a future `paidAt`.
 */
export function readPayment(values: Values, clock: { timeZone: string; now: Date; today: string }, t: Translate): ParsedSubmission<PaymentInput> {
  const copy = "staff:fee.modals.payment";
  const errors: Record<string, string> = {};
  const feeType = FeeTypeSchema.safeParse(state(values, feeInputs.feeType).selected_option?.value);
  if (!feeType.success) errors[feeInputs.feeType] = t(`${copy}.choose`);
  const period = PeriodSchema.safeParse((state(values, feeInputs.period).value ?? "").trim());
  if (!period.success) errors[feeInputs.period] = t(`${copy}.period_invalid`);
  const amount = YuanTextSchema.safeParse(state(values, feeInputs.amount).value ?? "");
  if (!amount.success) errors[feeInputs.amount] = t(`${copy}.amount_invalid`);
  const paidOn = state(values, feeInputs.paidOn).selected_date;
  if (!paidOn) errors[feeInputs.paidOn] = t(`${copy}.paid_on_required`);
  else if (paidOn > clock.today) errors[feeInputs.paidOn] = t(`${copy}.paid_on_future`);
  if (!feeType.success || !period.success || !amount.success || !paidOn || Object.keys(errors).length > 0) return { ok: false, errors };
  const paidAt = paidOn === clock.today ? clock.now : fromLocalDateTime({ date: paidOn, time: "12:00" }, clock.timeZone);
  return { ok: true, input: { feeType: feeType.data, period: period.data, amountFen: amount.data, paidAt } };
}

/** Reads Sent by express mail: a tracking number of 6 to 40 letters, digits or dashes. */
export function readTracking(values: Values, t: Translate): ParsedSubmission<string> {
  const typed = (state(values, feeInputs.tracking).value ?? "").trim().toUpperCase();
  if (!/^[A-Z0-9-]{6,40}$/.test(typed)) return { ok: false, errors: { [feeInputs.tracking]: t("staff:fee.modals.sent.tracking_invalid") } };
  return { ok: true, input: typed };
}

/** Reads Home visit done: a note of at least two characters. */
export function readNote(values: Values, t: Translate): ParsedSubmission<string> {
  const typed = (state(values, feeInputs.note).value ?? "").trim();
  if (typed.length < 2) return { ok: false, errors: { [feeInputs.note]: t("staff:fee.modals.home_visit.note_required") } };
  return { ok: true, input: typed };
}
