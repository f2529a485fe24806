// The Reports view: the monthly report of any month, the same figures and chart the manager channel gets on the 1st.
import { api } from "./api.js";
import { h, toast } from "./dom.js";

const $ = (id) => document.getElementById(id);
const percent = (rate) => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);
const minutes = (value) => (value === null ? "—" : String(Math.round(value)));
const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;

function table(caption, head, rows) {
  return h("table", { class: "report-table" },
    h("caption", { text: caption }),
    h("thead", {}, h("tr", {}, head.map((cell) => h("th", { text: cell })))),
    h("tbody", {}, rows.length ? rows.map((row) => h("tr", {}, row.map((cell) => h("td", { text: String(cell) })))) : h("tr", {}, h("td", { colspan: String(head.length), text: "none" }))));
}

/** The figures as tables, in the order the Slack post shows them. */
function figures(report) {
  return [
    table(`Requests: ${report.requests.total}`, ["Kind", "Count"], report.requests.perKind.map((row) => [row.kind, row.count])),
    table("Requests per channel", ["Kind", "Channel", "Count"], report.requests.perKindChannel.filter((row) => row.count > 0).map((row) => [row.kind, row.channel, row.count])),
    table("Requests per category", ["Kind", "Category", "Count"], report.requests.perCategory.map((row) => [row.kind, row.category, row.count])),
    table("Callback coverage (target 100%)", ["Kind", "Done", "Finished", "Coverage"], report.callbacks.coverage.map((row) => [row.kind, row.done, row.finished, percent(row.coverage)])),
    table("On time per clock rule", ["Rule", "On time", "Stopped", "Rate"], report.callbacks.onTime.filter((row) => row.stopped > 0).map((row) => [row.rule, row.onTime, row.stopped, percent(row.rate)])),
    table("Times (minutes)", ["Kind", "First response median", "p90", "Completion median", "p90"], report.durations.map((row) => [row.kind, minutes(row.firstResponse.medianMinutes), minutes(row.firstResponse.p90Minutes), minutes(row.completion.medianMinutes), minutes(row.completion.p90Minutes)])),
    table("Complaints per tier", ["Tier", "Count"], report.complaints.perTier.map((row) => [row.tier, row.count])),
    table("Breaches", ["Case", "Rule"], report.complaints.breaches.map((row) => [row.caseNumber, row.rule])),
    table("Recurring problems", ["Where", "What", "Cases"], [
      ...report.recurring.categories.map((row) => [`building ${row.building}`, `${row.category} × ${row.count}`, row.caseNumbers.join(", ")]),
      ...report.recurring.reopenedUnits.map((row) => [`${row.building}-${row.unit}`, `reopened × ${row.reopens}`, row.caseNumbers.join(", ")]),
    ]),
    table("Paid services", ["Service", "Orders", "Work orders", "Collected"], report.services.map((row) => [row.serviceType, row.orders, row.workOrders, yuan(row.collectedFen)])),
    table("Fee collection", ["Fee", "Paid", "Charged", "Rate"], report.fees.collection.map((row) => [row.feeType, yuan(row.paidFen), yuan(row.chargedFen), percent(row.rate)])),
    table("Households per ladder stage", ["Stage", "Households"], report.fees.perStage.map((row) => [row.stage, row.households])),
  ];
}

/** The month before the product's current one: what the 1st's post covers. */
function lastMonth(now) {
  const at = new Date(now);
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() - 1);
  return at.toISOString().slice(0, 7);
}

export class ReportsView {
  constructor(app) {
    this.app = app;
  }

  mount() {
    $("open-reports").addEventListener("click", () => this.open().catch((error) => toast("The report could not be shown", [error.message], "error")));
  }

  async open() {
    const overlay = $("overlay");
    const close = () => {
      overlay.hidden = true;
      overlay.replaceChildren();
    };
    const { now } = await api.clock();
    const input = h("input", { type: "month", id: "report-month", value: lastMonth(now), "aria-label": "Month" });
    const body = h("div", { class: "report-body", id: "report-body" });
    const show = async () => {
      const month = input.value;
      if (!/^\d{4}-\d{2}$/.test(month)) return;
      const { report } = await api.report(month);
      const chart = h("img", { class: "report-chart", id: "report-chart", alt: `Chart of ${month}`, src: `/playground/api/reports/${month}/chart.png?locale=${encodeURIComponent(this.app.setup.staffLocale)}` });
      body.replaceChildren(chart, ...figures(report));
    };
    input.addEventListener("change", () => show().catch((error) => toast("The report could not be shown", [error.message], "error")));
    overlay.replaceChildren(h("div", { class: "dialog report-dialog", role: "dialog", "aria-label": "Monthly report" },
      h("h2", { text: "Monthly report" }),
      h("p", { text: "The figures and chart the manager channel gets at 09:00 on the 1st, for any month." }),
      h("div", { class: "actions" }, input, h("button", { type: "button", class: "secondary-button", onclick: close }, "Close")),
      body));
    overlay.hidden = false;
    await show();
  }
}
