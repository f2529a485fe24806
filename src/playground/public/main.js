// Boots the page: loads who can be played, draws both sides, and follows the server's event stream.
import { api } from "./api.js";
import { Clock } from "./clock.js";
import { formatter, h, toast } from "./dom.js";
import { ModalView } from "./modal.js";
import { Phone } from "./phone.js";
import { ReportsView } from "./reports.js";
import { SlackPane } from "./slack.js";

const $ = (id) => document.getElementById(id);
const stored = (key) => window.localStorage.getItem(`playground.${key}`);

async function boot() {
  const setup = await api.setup();
  const app = {
    setup,
    fmt: formatter(setup.timeZone),
    people: new Map(setup.staff.map((member) => [member.id, member.name])),
    onTick: (now) => ($("phone-clock").textContent = app.fmt.time(now)),
    onStaffChange: () => modal.refresh(),
    staffId: () => slack.staffId,
  };
  $("brand-sub").textContent = `${setup.property.name} ${setup.property.localName} · playground`;

  const clock = new Clock(app);
  const phone = new Phone(app);
  const slack = new SlackPane(app);
  const modal = new ModalView(app);
  clock.mount();
  phone.mount();
  slack.mount();
  new ReportsView(app).mount();

  const owner = setup.owners.find((candidate) => String(candidate.id) === stored("owner")) ?? setup.owners[0];
  const member = setup.staff.find((candidate) => candidate.id === stored("staff")) ?? setup.staff.find((candidate) => candidate.team === "maintenance") ?? setup.staff[0];
  const channel = setup.channels.find((candidate) => candidate.id === stored("channel")) ?? setup.channels.find((candidate) => candidate.team === "maintenance") ?? setup.channels[0];
  slack.staffId = member.id;
  $("staff-select").value = member.id;
  await Promise.all([phone.select(owner.id), slack.selectChannel(channel.id), modal.refresh()]);

  setUpTabs();
  setUpReset();
  follow(setup, { clock, phone, slack, modal });
}

/** On narrow screens one side shows at a time; a dot marks news on the other side. */
function setUpTabs() {
  const stage = document.querySelector(".stage");
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => {
      stage.dataset.tab = tab.dataset.tab;
      for (const other of document.querySelectorAll("[role=tab]")) other.setAttribute("aria-selected", String(other === tab));
      tab.querySelector(".tab-dot").hidden = true;
    });
  }
}

function flagTab(side) {
  const stage = document.querySelector(".stage");
  if (window.matchMedia("(max-width: 960px)").matches && stage.dataset.tab !== side) $(`tab-${side}`).querySelector(".tab-dot").hidden = false;
}

function setUpReset() {
  $("reset-demo").addEventListener("click", () => {
    const overlay = $("overlay");
    const close = () => {
      overlay.hidden = true;
      overlay.replaceChildren();
    };
    overlay.replaceChildren(h("div", { class: "dialog", role: "alertdialog", "aria-label": "Reset the demo" },
      h("h2", { text: "Start the demo over?" }),
      h("p", { text: "Every chat, card, request and history goes, the product's time returns to now, and the demo owners and staff are loaded again. The same as npm run frontdesk -- demo reset." }),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "secondary-button", onclick: close }, "Keep playing"),
        h("button", { type: "button", class: "danger-button", onclick: async () => {
          close();
          await api.reset().catch((error) => toast("The demo was not reset", [error.message], "error"));
        } }, "Reset demo"))));
    overlay.hidden = false;
  });
}

/** Live updates: each event names what changed; the affected screen is fetched again. */
function follow(setup, { clock, phone, slack, modal }) {
  const source = new EventSource("/playground/api/events");
  source.addEventListener("open", () => $("live-dot").classList.add("on"));
  source.addEventListener("error", () => $("live-dot").classList.remove("on"));
  source.addEventListener("hello", (event) => {
    // The server restarted: whatever it shows now was drawn by another process.
    if (JSON.parse(event.data).instanceId !== setup.instanceId) window.location.reload();
  });
  source.addEventListener("message", (event) => {
    const change = JSON.parse(event.data);
    switch (change.type) {
      case "chat":
        if (change.ownerId === phone.ownerId) phone.refresh();
        else phone.markUnread(change.ownerId);
        flagTab("owner");
        break;
      case "typing":
        if (change.ownerId === phone.ownerId) phone.showTyping();
        break;
      case "toast":
        if (change.ownerId === phone.ownerId) phone.showToast(change.text);
        break;
      case "channel":
        slack.markUnread(change.channel);
        flagTab("staff");
        break;
      case "modal":
        if (change.user === slack.staffId) modal.refresh();
        break;
      case "clock":
        clock.adopt(change.offsetMs);
        break;
      case "reset":
        toast("The demo was reset", ["Demo owners and staff are loaded again; every chat and channel is empty."]);
        clock.adopt(0);
        modal.hide();
        phone.refresh();
        slack.refresh(true);
        break;
    }
  });
}

boot().catch((error) => {
  document.body.prepend(h("div", { class: "toast error", role: "alert" }, `The playground could not start: ${error.message}`));
});
