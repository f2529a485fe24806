// Block Kit as Slack draws it: header, section (text, fields, accessory), context, actions,
// divider, image, and in modals input blocks with their elements. Buttons call `onButton`.
import { h } from "./dom.js";
import { textObject } from "./mrkdwn.js";

/**
 * `ctx`: { people: Map(id → name), me: acting user id, onButton(element, block) for clicks,
 * errors: { [blockId]: message } in modals }.
 */
export function renderBlocks(blocks, ctx) {
  return h("div", { class: "bk" }, (blocks ?? []).map((block) => renderBlock(block, ctx)));
}

function renderBlock(block, ctx) {
  switch (block?.type) {
    case "header":
      return h("div", { class: "bk-header" }, textObject(block.text, ctx.people, ctx.me));
    case "section":
      return section(block, ctx);
    case "context":
      return h("div", { class: "bk-context" }, (block.elements ?? []).map((element) =>
        element.type === "image" ? h("img", { src: element.image_url, alt: element.alt_text ?? "" }) : textObject(element, ctx.people, ctx.me)));
    case "actions":
      return h("div", { class: "bk-actions" }, (block.elements ?? []).map((element) => renderElement(element, block, ctx)));
    case "divider":
      return h("hr", { class: "bk-divider" });
    case "image":
      return h("div", { class: "bk-image" }, h("img", { src: block.image_url, alt: block.alt_text ?? "" }));
    case "input":
      return input(block, ctx);
    default:
      return h("div", { class: "sk-unsupported", text: `[${block?.type ?? "unknown"} block]` });
  }
}

function section(block, ctx) {
  const main = h("div", { class: "bk-section-main" },
    block.text ? textObject(block.text, ctx.people, ctx.me) : null,
    block.fields ? h("div", { class: "bk-fields" }, block.fields.map((field) => textObject(field, ctx.people, ctx.me))) : null);
  const accessory = block.accessory ? renderElement(block.accessory, block, ctx) : null;
  return h("div", { class: "bk-section" }, main, accessory);
}

function renderElement(element, block, ctx) {
  if (element.type === "button") {
    const style = element.style === "primary" || element.style === "danger" ? element.style : "";
    return h("button", {
      type: "button",
      class: `sk-button ${style}`.trim(),
      dataset: { actionId: element.action_id ?? "" },
      onclick: (event) => ctx.onButton?.(element, block, event.currentTarget),
    }, element.text?.text ?? "");
  }
  if (element.type === "image") return h("img", { src: element.image_url, alt: element.alt_text ?? "", width: 72, height: 72 });
  return h("span", { class: "sk-unsupported", text: `[${element.type}]` });
}

/** An input block of a modal; the control's `name` is the block id, which is what submission reads. */
function input(block, ctx) {
  const element = block.element ?? {};
  const id = `input-${block.block_id}`;
  const error = ctx.errors?.[block.block_id];
  const describedBy = [element.type && block.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || null;
  const common = { id, name: block.block_id, "aria-describedby": describedBy, "aria-invalid": error ? "true" : null };
  let control;
  switch (element.type) {
    case "plain_text_input":
      control = element.multiline
        ? h("textarea", { ...common, maxlength: element.max_length, placeholder: element.placeholder?.text }, element.initial_value ?? "")
        : h("input", { ...common, type: "text", maxlength: element.max_length, placeholder: element.placeholder?.text, value: element.initial_value });
      break;
    case "datepicker":
      control = h("input", { ...common, type: "date", value: element.initial_date });
      break;
    case "timepicker":
      control = h("input", { ...common, type: "time", value: element.initial_time });
      break;
    case "static_select":
      control = h("select", common,
        h("option", { value: "" }, element.placeholder?.text ?? "Select an option"),
        (element.options ?? []).map((option) => h("option", { value: option.value, selected: option.value === element.initial_option?.value }, option.text?.text ?? option.value)));
      break;
    case "multi_static_select": {
      const initial = new Set((element.initial_options ?? []).map((option) => option.value));
      control = h("select", { ...common, multiple: true, size: Math.min((element.options ?? []).length, 7) },
        (element.options ?? []).map((option) => h("option", { value: option.value, selected: initial.has(option.value) }, option.text?.text ?? option.value)));
      break;
    }
    default:
      control = h("span", { class: "sk-unsupported", text: `[${element.type} input]` });
  }
  return h("div", { class: `sk-input${error ? " invalid" : ""}` },
    h("label", { for: id }, block.label?.text ?? "", block.optional ? h("span", { class: "optional" }, " (optional)") : null),
    control,
    block.hint ? h("div", { class: "hint", id: `${id}-hint` }, block.hint.text) : null,
    error ? h("div", { class: "error", id: `${id}-error`, role: "alert" }, error) : null);
}

/** The values of a modal's inputs by block id, as the server expects them (null when empty). */
export function readInputs(container) {
  const values = {};
  for (const control of container.querySelectorAll("input[name], select[name], textarea[name]")) {
    // A multi-select's chosen values travel one a line.
    const value = control.multiple ? [...control.selectedOptions].map((option) => option.value).join("\n") : control.value;
    values[control.name] = value.trim() === "" ? null : value;
  }
  return values;
}
