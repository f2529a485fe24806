import type { types } from "@slack/bolt";
import { type KnownBlock, mrkdwn, type SlackMessage, type Translate } from "./format.js";

/**
 * The Block Kit limits Slack enforces by refusing the whole message (`invalid_blocks`) or modal
 * (`invalid_arguments`): a card over one of them would never reach its channel, only the dead
 * letters. Figures from Slack's Block Kit reference.
 */
export const blockKitLimits = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  sectionFields: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  optionText: 75,
  options: 100,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  viewTitle: 24,
  /** Slack cuts a message's `text` past 40,000 characters; notifications show far less. */
  fallbackText: 4000,
} as const;

/** How a cut shows to staff, in their language. */
export interface FoldMarks {
  /** Ends a text of whole lines some of which were left off (`… 12 more lines`). */
  moreLines(count: number): string;
  /** Stands for the blocks left out of a message or modal (`… 8 more not shown`). */
  moreBlocks(count: number): string;
  /** Ends a text cut inside its only line. */
  truncated: string;
}

/** The marks in the staff's language (`staff:limits.*`). */
export function foldMarks(t: Translate): FoldMarks {
  return {
    moreLines: (count) => t("staff:limits.more_lines", { count }),
    moreBlocks: (count) => t("staff:limits.more_blocks", { count }),
    truncated: t("staff:limits.truncated"),
  };
}

/** What a fit changed, so the sender can log that a builder overflowed (never the text itself). */
export interface FitReport {
  /** Texts cut or folded. */
  cut: number;
  /** Blocks or elements left out. */
  dropped: number;
}

/**
 * `text` within `max` characters: whole lines while they fit, then a line saying how many more
 * there were; a first line longer than `max` is cut with the truncated mark. A long history or a
 * digest's list thus keeps its first entries readable instead of ending mid-word.
 */
export function fitText(text: string, max: number, marks: FoldMarks, report?: FitReport): string {
  if (text.length <= max) return text;
  if (report) report.cut += 1;
  const lines = text.split("\n");
  let kept = 0;
  let length = -1;
  for (const [index, line] of lines.entries()) {
    length += line.length + 1;
    // Room must stay for the line naming the lines after these.
    if (length + 1 + marks.moreLines(lines.length - index - 1).length > max) break;
    kept = index + 1;
  }
  if (kept > 0) return `${lines.slice(0, kept).join("\n")}\n${marks.moreLines(lines.length - kept)}`;
  const cut = ` ${marks.truncated}`;
  return `${text.slice(0, Math.max(0, max - cut.length)).replace(/[\uD800-\uDBFF]$/, "")}${cut}`;
}

function fitObject<T extends { text: string }>(object: T, max: number, marks: FoldMarks, report: FitReport): T {
  return object.text.length <= max ? object : { ...object, text: fitText(object.text, max, marks, report) };
}

type Element = Record<string, unknown> & { type?: string };

function fitElement(element: Element, marks: FoldMarks, report: FitReport): Element {
  let fitted: Element = element;
  const text = fitted.text as { text: string } | undefined;
  if (fitted.type === "button" && text) fitted = { ...fitted, text: fitObject(text, blockKitLimits.buttonText, marks, report) };
  const placeholder = fitted.placeholder as { text: string } | undefined;
  if (placeholder) fitted = { ...fitted, placeholder: fitObject(placeholder, blockKitLimits.placeholder, marks, report) };
  const options = fitted.options as { text: { text: string } }[] | undefined;
  if (Array.isArray(options)) {
    if (options.length > blockKitLimits.options) report.dropped += options.length - blockKitLimits.options;
    fitted = { ...fitted, options: options.slice(0, blockKitLimits.options).map((option) => ({ ...option, text: fitObject(option.text, blockKitLimits.optionText, marks, report) })) };
  }
  return fitted;
}

function fitBlock(block: KnownBlock, marks: FoldMarks, report: FitReport): KnownBlock {
  switch (block.type) {
    case "section": {
      let fitted: types.SectionBlock = block;
      if (fitted.text) fitted = { ...fitted, text: fitObject(fitted.text, blockKitLimits.sectionText, marks, report) };
      if (fitted.fields) {
        if (fitted.fields.length > blockKitLimits.sectionFields) report.dropped += fitted.fields.length - blockKitLimits.sectionFields;
        fitted = { ...fitted, fields: fitted.fields.slice(0, blockKitLimits.sectionFields).map((field) => fitObject(field, blockKitLimits.fieldText, marks, report)) };
      }
      if (fitted.accessory) fitted = { ...fitted, accessory: fitElement(fitted.accessory as unknown as Element, marks, report) as unknown as types.SectionBlock["accessory"] };
      return fitted;
    }
    case "header":
      return { ...block, text: fitObject(block.text, blockKitLimits.headerText, marks, report) };
    case "context": {
      const elements = block.elements.map((element) => ("text" in element && typeof element.text === "string" ? fitObject(element, blockKitLimits.contextText, marks, report) : element));
      if (elements.length <= blockKitLimits.contextElements) return { ...block, elements };
      report.dropped += elements.length - blockKitLimits.contextElements + 1;
      const more = mrkdwn(marks.moreBlocks(elements.length - blockKitLimits.contextElements + 1));
      return { ...block, elements: [...elements.slice(0, blockKitLimits.contextElements - 1), more] };
    }
    case "actions": {
      if (block.elements.length > blockKitLimits.actionsElements) report.dropped += block.elements.length - blockKitLimits.actionsElements;
      const elements = block.elements.slice(0, blockKitLimits.actionsElements).map((element) => fitElement(element as unknown as Element, marks, report));
      return { ...block, elements: elements as unknown as types.ActionsBlock["elements"] };
    }
    case "input": {
      let fitted: types.InputBlock = { ...block, label: fitObject(block.label, blockKitLimits.inputLabel, marks, report) };
      if (fitted.hint) fitted = { ...fitted, hint: fitObject(fitted.hint, blockKitLimits.inputHint, marks, report) };
      return { ...fitted, element: fitElement(fitted.element as unknown as Element, marks, report) as unknown as types.InputBlock["element"] };
    }
    default:
      return block;
  }
}

/**
 * `blocks` within Slack's limits, every text, element and count: texts are folded by
 * {@link fitText}; over `maxBlocks` blocks, the middle is left out for one line saying how many,
 * keeping the head (what the message is about) and the tail from its last buttons on (so every
 * action stays), or its last block (a digest's total) when it has none.
 */
export function fitBlocks(blocks: readonly KnownBlock[], maxBlocks: number, marks: FoldMarks, report: FitReport = { cut: 0, dropped: 0 }): KnownBlock[] {
  const fitted = blocks.map((block) => fitBlock(block, marks, report));
  if (fitted.length <= maxBlocks) return fitted;
  const lastActions = fitted.map((block) => block.type).lastIndexOf("actions");
  const tailStart = lastActions >= 0 && fitted.length - lastActions <= Math.floor(maxBlocks / 2) ? lastActions : fitted.length - 1;
  const tail = fitted.slice(tailStart);
  const headLength = maxBlocks - tail.length - 1;
  const left = fitted.length - headLength - tail.length;
  report.dropped += left;
  return [...fitted.slice(0, headLength), { type: "context", elements: [mrkdwn(marks.moreBlocks(left))] }, ...tail];
}

/** A message for `chat.postMessage`/`chat.update` within Slack's limits (see {@link fitBlocks}). */
export function fitMessage<M extends SlackMessage>(message: M, marks: FoldMarks, report: FitReport = { cut: 0, dropped: 0 }): M {
  return {
    ...message,
    text: fitText(message.text, blockKitLimits.fallbackText, marks, report),
    blocks: fitBlocks(message.blocks, blockKitLimits.messageBlocks, marks, report),
  };
}

/** A modal for `views.open`/`views.update`/`response_action: update` within Slack's limits. */
export function fitModal(view: types.ModalView, marks: FoldMarks, report: FitReport = { cut: 0, dropped: 0 }): types.ModalView {
  const short = (object: types.PlainTextElement | undefined) => (object && object.text.length > blockKitLimits.viewTitle ? { ...object, text: `${object.text.slice(0, blockKitLimits.viewTitle - 1)}…` } : object);
  const title = short(view.title) as types.PlainTextElement;
  const submit = short(view.submit);
  const close = short(view.close);
  return {
    ...view,
    title,
    ...(submit ? { submit } : {}),
    ...(close ? { close } : {}),
    blocks: fitBlocks(view.blocks as KnownBlock[], blockKitLimits.modalBlocks, marks, report),
  };
}
