/** Field errors of a modal, by input block id, as Slack shows them under the inputs. */
export type ModalErrors = Record<string, string>;

interface InputBlock {
  type: "input";
  block_id?: string;
  optional?: boolean;
  element?: {
    type?: string;
    action_id?: string;
    min_length?: number;
    max_length?: number;
    options?: { text: { type: "plain_text"; text: string }; value: string }[];
  };
}

type StateValue = { type: string } & Record<string, unknown>;
type Checked = { ok: true; value: StateValue } | { ok: false; error: string };

function isInputBlock(block: unknown): block is InputBlock {
  return typeof block === "object" && block !== null && (block as { type?: unknown }).type === "input";
}

/**
 * Turns the page's values (one string per input block, null when empty) into `view.state.values`
 * as Slack sends them, after the checks Slack's client makes before it sends anything: a
 * required input must be filled, a text input must respect its length limits, a select must
 * name one of its options (a multi-select, each of its values one a line). Element types the
 * product does not use are refused, not guessed.
 */
export function inputValues(
  blocks: readonly unknown[],
  values: Record<string, string | null>,
): { ok: true; values: Record<string, Record<string, StateValue>> } | { ok: false; errors: ModalErrors } {
  const state: Record<string, Record<string, StateValue>> = {};
  const errors: ModalErrors = {};
  for (const block of blocks.filter(isInputBlock)) {
    const blockId = block.block_id;
    const element = block.element;
    if (!blockId || !element?.action_id || !element.type) continue;
    const raw = values[blockId]?.trim() ? (values[blockId] as string) : null;
    if (raw === null && !block.optional) {
      errors[blockId] = "Please complete this required field.";
      continue;
    }
    const checked = valueOf(element, raw);
    if (checked.ok) state[blockId] = { [element.action_id]: checked.value };
    else errors[blockId] = checked.error;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values: state };
}

function valueOf(element: NonNullable<InputBlock["element"]>, raw: string | null): Checked {
  const type = element.type as string;
  const refuse = (error: string): Checked => ({ ok: false, error });
  const accept = (value: Record<string, unknown>): Checked => ({ ok: true, value: { type, ...value } });
  switch (type) {
    case "plain_text_input":
      if (raw !== null && element.min_length !== undefined && raw.length < element.min_length) return refuse(`Must be at least ${element.min_length} characters.`);
      if (raw !== null && element.max_length !== undefined && raw.length > element.max_length) return refuse(`Must be at most ${element.max_length} characters.`);
      return accept({ value: raw });
    case "datepicker":
      return raw !== null && !/^\d{4}-\d{2}-\d{2}$/.test(raw) ? refuse("Please choose a date.") : accept({ selected_date: raw });
    case "timepicker":
      return raw !== null && !/^\d{2}:\d{2}$/.test(raw) ? refuse("Please choose a time.") : accept({ selected_time: raw });
    case "static_select": {
      const option = element.options?.find((candidate) => candidate.value === raw);
      return raw !== null && !option ? refuse("Please choose one of the options.") : accept({ selected_option: option ?? null });
    }
    case "multi_static_select": {
      // The page sends the chosen values one a line.
      const chosen = raw === null ? [] : raw.split("\n").map((value) => element.options?.find((candidate) => candidate.value === value));
      return chosen.some((option) => option === undefined) ? refuse("Please choose among the options.") : accept({ selected_options: chosen });
    }
    default:
      return refuse(`The playground cannot fill a ${type} input.`);
  }
}
