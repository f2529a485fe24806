// The Slack modal open for the staff member the page acts as: drawn from the view the app opened,
// submitted as a view_submission, with Slack's and the app's field errors under the inputs.
import { api } from "./api.js";
import { readInputs, renderBlocks } from "./blocks.js";
import { h, toast } from "./dom.js";

const $ = (id) => document.getElementById(id);
const CSS = window.CSS;

export class ModalView {
  /** `app`: { people, staffId() }. */
  constructor(app) {
    this.app = app;
    this.viewId = null;
    this.errors = {};
  }

  async refresh() {
    const as = this.app.staffId();
    if (!as) return;
    const { modal } = await api.modal(as).catch(() => ({ modal: null }));
    if (as !== this.app.staffId()) return;
    if (!modal) return this.hide();
    if (modal.viewId !== this.viewId) this.errors = {};
    this.render(modal);
  }

  hide() {
    if (this.viewId === null) return;
    this.viewId = null;
    this.errors = {};
    $("overlay").hidden = true;
    $("overlay").replaceChildren();
  }

  render(modal) {
    const focusedName = document.activeElement?.name;
    const kept = this.viewId === modal.viewId ? readInputs($("overlay")) : {};
    this.viewId = modal.viewId;
    const body = h("div", { class: "sk-modal-body" }, renderBlocks(modal.blocks, { people: this.app.people, me: this.app.staffId(), errors: this.errors }));
    const dialog = h("form", { class: "sk-modal", role: "dialog", "aria-modal": "true", "aria-label": modal.title, novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      this.submit(dialog);
    } },
    h("div", { class: "sk-modal-head" }, h("img", { src: "/playground/assets/favicon.svg", alt: "" }), h("h2", { text: modal.title }),
      h("button", { type: "button", class: "sk-close", "aria-label": "Close", onclick: () => this.close() }, "×")),
    body,
    h("div", { class: "sk-modal-foot" },
      h("button", { type: "button", class: "sk-button", onclick: () => this.close() }, modal.close ?? "Cancel"),
      modal.submit ? h("button", { type: "submit", class: "sk-button primary" }, modal.submit) : null));
    // A redraw (new errors, views.update) keeps what the person already typed.
    for (const [name, value] of Object.entries(kept)) {
      const control = dialog.querySelector(`[name="${CSS.escape(name)}"]`);
      if (control?.multiple) for (const option of control.options) option.selected = value !== null && value.split("\n").includes(option.value);
      else if (control && value !== null) control.value = value;
    }
    $("overlay").replaceChildren(dialog);
    $("overlay").hidden = false;
    const focus = (focusedName && dialog.querySelector(`[name="${CSS.escape(focusedName)}"]`)) || dialog.querySelector("[aria-invalid=true]") || dialog.querySelector("input, select, textarea");
    focus?.focus();
  }

  async submit(dialog) {
    const submit = dialog.querySelector("button[type=submit]");
    if (submit) submit.disabled = true;
    try {
      const result = await api.submitModal(this.app.staffId(), this.viewId, readInputs(dialog));
      // A form's next step replaces the modal in place (Slack's response_action: update).
      if (result.ok && result.next) {
        this.errors = {};
        return await this.refresh();
      }
      if (result.ok) return this.hide();
      this.errors = result.errors ?? {};
      await this.refresh();
    } catch (error) {
      toast("Slack could not submit that", [error.message], "error");
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  async close() {
    const as = this.app.staffId();
    this.hide();
    await api.closeModal(as).catch(() => undefined);
  }
}
