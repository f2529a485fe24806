import type { types } from "@slack/bolt";
import { formatFen } from "../../../core/domain/money.js";
import type { PriceItem } from "../../../core/domain/prices.js";
import { type ChargeLine, totalFen } from "../../../core/domain/receipts.js";
import { escapeMrkdwn, plain, type Translate, truncate } from "./format.js";
import { type FieldErrors, type IntakeRead, type IntakeValues, selectedValue, typedValue } from "./intake-form.js";

/** How many items a modal offers at once: a repair rarely needs more, and each row is two blocks. */
export const chargeRowCount = 5;

/** Block and action ids of row `row` (1-based): the item and its quantity. */
export function chargeRowInputs(row: number): { item: string; quantity: string } {
  return { item: `charge_item_${row}`, quantity: `charge_quantity_${row}` };
}

/** An item of a price standard and how many, as chosen in the rows. */
export interface ChosenCharge {
  code: string;
  quantity: number;
}

/** Quantities as the core takes them: more than 0, at most two decimals. */
const quantityPattern = /^(?:0|[1-9]\d{0,3})(?:\.\d{1,2})?$/;

/** An item of the standard as an option: its name in the staff's language, its code and its price per unit. */
export function priceItemOption(item: PriceItem, t: Translate): types.PlainTextOption {
  const text = t("staff:charges.option", {
    code: item.code,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    price: formatFen(item.priceFen),
    unit: t(`staff:charges.per.${item.pricingUnit}`),
  });
  return { text: plain(truncate(text, 75)), value: item.code };
}

/**
 * Rows of item + quantity for a modal, prefilled with `initial`. The first item is required
 * unless `optional`; a quantity left blank is 1. Slack allows 100 options in a select.
 */
export function chargeRowBlocks(items: readonly PriceItem[], initial: readonly ChosenCharge[], t: Translate, settings: { optional?: boolean } = {}): types.KnownBlock[] {
  const options = items.slice(0, 100).map((item) => priceItemOption(item, t));
  const blocks: types.KnownBlock[] = [];
  for (let row = 1; row <= chargeRowCount; row += 1) {
    const ids = chargeRowInputs(row);
    const chosen = initial[row - 1];
    const option = options.find((candidate) => candidate.value === chosen?.code);
    blocks.push({
      type: "input",
      block_id: ids.item,
      label: plain(t("staff:charges.item", { row })),
      optional: row > 1 || settings.optional === true,
      element: { type: "static_select", action_id: ids.item, options, placeholder: plain(t("staff:charges.choose")), ...(option ? { initial_option: option } : {}) },
    });
    blocks.push({
      type: "input",
      block_id: ids.quantity,
      label: plain(t("staff:charges.quantity", { row })),
      optional: true,
      // A text input checked against the two-decimal pattern below: the local playground draws no number_input.
      element: { type: "plain_text_input", action_id: ids.quantity, max_length: 7, ...(chosen && option ? { initial_value: String(chosen.quantity) } : {}) },
    });
  }
  return blocks;
}

/**
 * Reads the rows: each chosen item with its quantity (1 when blank), every problem at once under
 * its field. A quantity without an item, an item chosen twice, or no item at all (when the rows
 * are there and `required`) keeps the modal open.
 */
export function readChargeRows(values: IntakeValues, t: Translate, settings: { required: boolean }): IntakeRead<ChosenCharge[]> {
  const errors: FieldErrors = {};
  const chosen: ChosenCharge[] = [];
  for (let row = 1; row <= chargeRowCount; row += 1) {
    const ids = chargeRowInputs(row);
    const code = selectedValue(values, ids.item);
    const typed = typedValue(values, ids.quantity);
    if (!code) {
      if (typed) errors[ids.item] = t("staff:charges.item_for_quantity");
      continue;
    }
    if (chosen.some((charge) => charge.code === code)) {
      errors[ids.item] = t("staff:charges.twice");
      continue;
    }
    if (typed && (!quantityPattern.test(typed) || Number(typed) <= 0)) {
      errors[ids.quantity] = t("staff:charges.bad_quantity");
      continue;
    }
    chosen.push({ code, quantity: typed ? Number(typed) : 1 });
  }
  if (settings.required && chosen.length === 0 && values[chargeRowInputs(1).item] && !errors[chargeRowInputs(1).item]) {
    errors[chargeRowInputs(1).item] = t("staff:charges.required");
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: chosen };
}

/** Charge lines as staff read them, one a line (name in their language, code, quantity, amount), then the total. */
export function chargeLinesMrkdwn(lines: readonly ChargeLine[], t: Translate): string {
  const rows = lines.map((line) =>
    escapeMrkdwn(t("staff:charges.line", { code: line.code, nameZh: line.nameZh, nameEn: line.nameEn, quantity: line.quantity, amount: formatFen(line.amountFen) })),
  );
  return [...rows, `*${escapeMrkdwn(t("staff:charges.total", { total: formatFen(totalFen(lines)) }))}*`].join("\n");
}
