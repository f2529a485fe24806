// The product's clock: its time in the property's zone, how far it runs ahead of real time, and the
// controls that move it forward and run what fell due (callback prompts, escalations).
import { api } from "./api.js";
import { formatDuration, h, instantToZoned, toast, zonedToInstant } from "./dom.js";

const $ = (id) => document.getElementById(id);

const outcomes = {
  callback_prompted: "callback prompt sent to #frontdesk",
  escalated: "escalated to the leader",
  skipped: "nothing to do any more",
  failed: "failed (will retry)",
};

/** "frontdesk/leader" as a person: "the frontdesk leader"; a team's only role ("manager/manager") once. */
function whom(alerts) {
  const [team, role] = alerts.split("/");
  return team === role ? `the ${team}` : `the ${team} ${role}`;
}

/** One job a move ran, as the toast and the panel list it: the clock's name when the server gave it. */
function reportLine(report) {
  const number = report.ticketNumber ?? "—";
  if (report.outcome === "escalated" && report.clock) return `${number}: ${report.clock} overdue${report.alerts ? `, ${whom(report.alerts)} alerted` : ""}`;
  return `${number}: ${outcomes[report.outcome] ?? report.outcome}`;
}

/** A waiting job in "Coming up": a due effect ("Callback due") or a breach that alerts someone. */
function upcomingLabel(work) {
  const name = work.label ?? work.rule;
  if (work.job !== "clock.breach") return `${name} due`;
  if (!name) return "Escalation if still open";
  return work.alerts ? `${name}: alerts ${whom(work.alerts)} if still open` : `${name}: overdue if still open`;
}

export class Clock {
  /** `app`: { setup, fmt, onTick(now) }. */
  constructor(app) {
    this.app = app;
    this.offsetMs = app.setup.clock.offsetMs;
    this.lastMove = null;
  }

  now() {
    return new Date(Date.now() + this.offsetMs);
  }

  mount() {
    $("clock-zone").textContent = this.app.setup.timeZone;
    for (const button of document.querySelectorAll("[data-advance]")) {
      button.addEventListener("click", () => this.move({ by: JSON.parse(button.dataset.advance) }, button));
    }
    $("clock-face").addEventListener("click", () => this.toggle());
    $("clock-more").addEventListener("click", () => this.toggle());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") $("clock-panel").hidden = true;
    });
    document.addEventListener("click", (event) => {
      if (!$("clock-panel").hidden && !event.target.closest("#clock-panel, #clock-face, #clock-more")) $("clock-panel").hidden = true;
    });
    this.tick();
    window.setInterval(() => this.tick(), 1000);
  }

  /** The server said the product's time moved (this page or another one moved it). */
  adopt(offsetMs) {
    this.offsetMs = offsetMs;
    this.tick();
    if (!$("clock-panel").hidden) this.renderPanel();
  }

  tick() {
    const now = this.now();
    $("clock-time").textContent = this.app.fmt.full(now);
    const ahead = $("clock-ahead");
    ahead.hidden = this.offsetMs < 60_000;
    $("clock-face").classList.toggle("ahead", !ahead.hidden);
    ahead.textContent = `· ${formatDuration(this.offsetMs)} ahead of real time`;
    this.app.onTick(now);
  }

  async toggle() {
    const panel = $("clock-panel");
    panel.hidden = !panel.hidden;
    if (!panel.hidden) await this.renderPanel();
  }

  async renderPanel() {
    const panel = $("clock-panel");
    const { fmt, setup } = this.app;
    const state = await api.clock().catch(() => ({ upcoming: [] }));
    const input = h("input", { type: "datetime-local", id: "clock-jump", value: instantToZoned(this.now().getTime() + 3_600_000, setup.timeZone), "aria-label": "Product time to jump to" });
    const upcoming = state.upcoming.length === 0
      ? h("p", { class: "empty", text: "Nothing is scheduled. A repair's callback is scheduled when the work is done; a complaint's clocks start when it is filed." })
      : h("ul", {}, state.upcoming.map((work) => h("li", {},
        h("div", { class: "what" }, h("strong", { text: `${work.ticketNumber ?? "—"} · ${upcomingLabel(work)}` }), h("span", { text: fmt.full(work.at) })),
        h("button", { type: "button", class: "chip-button", onclick: (event) => this.move({ to: new Date(Math.max(Date.parse(work.at), this.now().getTime())).toISOString() }, event.currentTarget) }, "Go there"))));
    panel.replaceChildren(
      h("h3", { text: "Product time" }),
      h("p", { class: "muted", text: `Moving time forward runs the work that fell due, as the scheduler would have. Times are in ${setup.timeZone}; time never moves back (Reset demo starts over).` }),
      h("div", { class: "jump" }, input, h("button", { type: "button", class: "primary-button", onclick: (event) => this.move({ to: zonedToInstant(input.value, setup.timeZone).toISOString() }, event.currentTarget) }, "Jump")),
      h("h3", { text: "Coming up" }),
      upcoming,
      ...(this.lastMove ? [h("div", { class: "last" }, h("strong", { text: `Last move: ${fmt.full(this.lastMove.now)}` }), this.reportList(this.lastMove.reports))] : []));
  }

  reportList(reports) {
    if (reports.length === 0) return h("p", { class: "empty", text: "Nothing was due." });
    return h("ul", {}, reports.map((report) => h("li", {}, reportLine(report))));
  }

  async move(body, button) {
    if (button) button.disabled = true;
    try {
      const result = await api.advance(body);
      this.lastMove = result;
      this.adopt(result.offsetMs);
      const lines = result.reports.filter((report) => report.outcome !== "skipped").map(reportLine);
      toast(`Product time is now ${this.app.fmt.full(result.now)}`, lines.length > 0 ? lines : ["Nothing was due."]);
    } catch (error) {
      toast("The clock did not move", [error.message], "error");
    } finally {
      if (button) button.disabled = false;
    }
  }
}
