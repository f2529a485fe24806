import { isRecord } from "./fake-http.js";

function textLength(value: unknown): number {
  return isRecord(value) && typeof value.text === "string" ? value.text.length : 0;
}

function checkElement(element: unknown, pointer: string, actionIds: Set<string>, errors: string[]): void {
  if (!isRecord(element)) return;
  const limit = (ok: boolean, message: string, field: string): void => {
    if (!ok) errors.push(`${message} [json-pointer:${pointer}/${field}]`);
  };
  if (typeof element.action_id === "string") {
    limit(element.action_id.length <= 255, "must be less than 256 characters", "action_id");
    limit(!actionIds.has(element.action_id), "duplicate action_id", "action_id");
    actionIds.add(element.action_id);
  }
  limit(textLength(element.placeholder) <= 150, "must be less than 151 characters", "placeholder/text");
  if (element.type === "button") {
    limit(textLength(element.text) <= 75, "must be less than 76 characters", "text/text");
    const value = element.value;
    limit(typeof value !== "string" || value.length <= 2000, "must be less than 2001 characters", "value");
  }
  if (Array.isArray(element.options)) {
    limit(element.options.length <= 100, "must be less than 101 items", "options");
    element.options.forEach((option: unknown, index) => {
      const text = textLength(isRecord(option) ? option.text : undefined);
      const value = isRecord(option) ? option.value : undefined;
      limit(text <= 75, "must be less than 76 characters", `options/${index}/text/text`);
      limit(typeof value !== "string" || value.length <= 150, "must be less than 151 characters", `options/${index}/value`);
    });
  }
}

/**
 * Checks the Block Kit limits Slack enforces with `invalid_blocks` (count, block_id/action_id uniqueness and length,
 * section text and fields, header, context elements, actions elements, input label and hint, placeholder, button
 * and option text limits). Returns Slack-style messages with json-pointers; empty when valid.
 */
export function blockKitErrors(blocks: unknown, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ["must be an array [json-pointer:/blocks]"];
  const errors: string[] = [];
  if (blocks.length > maxBlocks) errors.push(`must be less than ${maxBlocks + 1} items [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block: unknown, index) => {
    const pointer = `/blocks/${index}`;
    if (!isRecord(block) || typeof block.type !== "string") {
      errors.push(`missing required field: type [json-pointer:${pointer}]`);
      return;
    }
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id)) errors.push(`duplicate block_id [json-pointer:${pointer}/block_id]`);
      if (block.block_id.length > 255) {
        errors.push(`must be less than 256 characters [json-pointer:${pointer}/block_id]`);
      }
      blockIds.add(block.block_id);
    }
    if (block.type === "section") {
      if (block.text === undefined && block.fields === undefined) {
        errors.push(`must provide text or fields [json-pointer:${pointer}]`);
      }
      if (textLength(block.text) > 3000) {
        errors.push(`must be less than 3001 characters [json-pointer:${pointer}/text/text]`);
      }
    }
    if (block.type === "section" && Array.isArray(block.fields)) {
      if (block.fields.length > 10) errors.push(`must be less than 11 items [json-pointer:${pointer}/fields]`);
      block.fields.forEach((field: unknown, i) => {
        if (textLength(field) > 2000) errors.push(`must be less than 2001 characters [json-pointer:${pointer}/fields/${i}/text]`);
      });
    }
    if (block.type === "context" && Array.isArray(block.elements)) {
      if (block.elements.length > 10) errors.push(`must be less than 11 items [json-pointer:${pointer}/elements]`);
      block.elements.forEach((element: unknown, i) => {
        if (textLength(element) > 3000) errors.push(`must be less than 3001 characters [json-pointer:${pointer}/elements/${i}/text]`);
      });
    }
    if (block.type === "actions" && Array.isArray(block.elements) && block.elements.length > 25) {
      errors.push(`must be less than 26 items [json-pointer:${pointer}/elements]`);
    }
    if (block.type === "input") {
      if (textLength(block.label) > 2000) errors.push(`must be less than 2001 characters [json-pointer:${pointer}/label/text]`);
      if (textLength(block.hint) > 2000) errors.push(`must be less than 2001 characters [json-pointer:${pointer}/hint/text]`);
    }
    if (block.type === "header" && textLength(block.text) > 150) {
      errors.push(`must be less than 151 characters [json-pointer:${pointer}/text/text]`);
    }
    const actionIds = new Set<string>();
    checkElement(block.accessory, `${pointer}/accessory`, actionIds, errors);
    checkElement(block.element, `${pointer}/element`, actionIds, errors);
    if (Array.isArray(block.elements)) {
      block.elements.forEach((element: unknown, i) => {
        checkElement(element, `${pointer}/elements/${i}`, actionIds, errors);
      });
    }
  });
  return errors;
}
