// The staff's Slack: channels, the staff member the page acts as, and the messages with their cards.
import { api } from "./api.js";
import { renderBlocks } from "./blocks.js";
import { h, toast } from "./dom.js";
import { mrkdwn } from "./mrkdwn.js";

const $ = (id) => document.getElementById(id);

export const teamNames = { frontdesk: "Front desk", maintenance: "Maintenance", cleaning: "Cleaning", greening: "Greening", security: "Security", manager: "Management" };
const topics = {
  frontdesk: "Callbacks (回访), owner verifications and escalations",
  maintenance: "Repair work orders: claim, schedule, start, done",
  cleaning: "Cleaning work orders",
  greening: "Greening work orders",
  security: "Order and security",
  manager: "Escalations to the community manager",
};

export class SlackPane {
  /** `app`: { setup, fmt, people, onStaffChange(id) }. */
  constructor(app) {
    this.app = app;
    this.channelId = null;
    this.staffId = null;
    this.unread = new Set();
    this.shown = new Map();
    this.loading = null;
  }

  mount() {
    const { setup } = this.app;
    $("ws-name").textContent = `${setup.property.name} ${setup.property.localName}`;
    const select = $("staff-select");
    const byTeam = Object.keys(teamNames).map((team) => [team, setup.staff.filter((member) => member.team === team)]);
    select.replaceChildren(...byTeam.filter(([, members]) => members.length > 0).map(([team, members]) =>
      h("optgroup", { label: teamNames[team] }, members.map((member) => h("option", { value: member.id }, `${member.name} · ${teamNames[team]} ${member.role}`)))));
    select.addEventListener("change", () => this.selectStaff(select.value));
    $("side-toggle").addEventListener("click", () => $("slack-side").classList.toggle("open"));
    // The global shortcut of the app manifest, as Slack's shortcut menu sends it.
    $("new-request").addEventListener("click", () => api.shortcut(this.staffId, "new_request").catch((error) => toast("Slack could not open that", [error.message], "error")));
  }

  channel() {
    return this.app.setup.channels.find((channel) => channel.id === this.channelId);
  }

  member(id = this.staffId) {
    return this.app.setup.staff.find((member) => member.id === id);
  }

  renderChannels() {
    $("channel-list").replaceChildren(...this.app.setup.channels.map((channel) => h("li", {},
      h("button", {
        type: "button", class: this.unread.has(channel.id) ? "unread" : "", "aria-current": String(channel.id === this.channelId),
        dataset: { channel: channel.name }, onclick: () => this.selectChannel(channel.id),
      }, h("span", { class: "hash" }, "#"), channel.name))));
    const member = this.member();
    $("side-foot").replaceChildren("Signed in as ", h("strong", { text: member?.name ?? "" }), h("br"), member ? `${teamNames[member.team]} · ${member.role}` : "");
  }

  async selectChannel(channelId) {
    this.channelId = channelId;
    this.unread.delete(channelId);
    window.localStorage.setItem("playground.channel", channelId);
    $("slack-side").classList.remove("open");
    const channel = this.channel();
    $("slack-channel-name").textContent = `# ${channel.name}`;
    $("slack-topic").textContent = topics[channel.team] ?? "";
    $("slack-compose-text").textContent = `Message #${channel.name} — cards arrive here; act on them with their buttons`;
    this.shown.clear();
    this.renderChannels();
    this.renderBanner();
    await this.refresh(true);
  }

  async selectStaff(staffId) {
    this.staffId = staffId;
    $("staff-select").value = staffId;
    window.localStorage.setItem("playground.staff", staffId);
    this.renderChannels();
    this.renderBanner();
    this.app.onStaffChange(staffId);
    await this.refresh();
  }

  /** Suggests acting as someone of the channel's team when the page acts as someone else. */
  renderBanner() {
    const banner = $("slack-banner");
    const member = this.member();
    const channel = this.channel();
    if (!member || !channel || member.team === channel.team || member.role === "manager") {
      banner.hidden = true;
      return;
    }
    const team = this.app.setup.staff.filter((candidate) => candidate.team === channel.team);
    const suggested = team.find((candidate) => candidate.role === "member") ?? team[0];
    if (!suggested) {
      banner.hidden = true;
      return;
    }
    banner.replaceChildren(
      h("span", {}, `You are acting as ${member.name} (${teamNames[member.team]}). Cards in #${channel.name} are for ${teamNames[channel.team]}.`),
      h("button", { type: "button", onclick: () => this.selectStaff(suggested.id) }, `Act as ${suggested.name}`));
    banner.hidden = false;
  }

  markUnread(channel) {
    if (channel === this.channelId || channel === "*") return this.refresh();
    this.unread.add(channel);
    this.renderChannels();
  }

  async refresh(scrollToEnd = false) {
    if (!this.channelId || !this.staffId) return;
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        const [channelId, staffId] = [this.channelId, this.staffId];
        const result = await api.channel(channelId, staffId).catch((error) => toast("Could not load the channel", [error.message], "error"));
        if (result && channelId === this.channelId && staffId === this.staffId) this.render(result.posts, scrollToEnd);
      } while (this.again);
    })();
    try {
      await this.loading;
    } finally {
      this.loading = null;
    }
  }

  render(posts, scrollToEnd) {
    const list = $("slack-messages");
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
    const grew = posts.length > this.shown.size;
    const rows = [];
    let lastDay = null;
    const seen = new Map();
    for (const post of posts) {
      if (post.at) {
        const day = this.app.fmt.dayKey(post.at);
        if (day !== lastDay) rows.push(h("div", { class: "sk-day" }, h("span", {}, this.app.fmt.day(post.at))));
        lastDay = day;
      }
      const signature = JSON.stringify([post.text, post.blocks]);
      const changed = this.shown.size > 0 && this.shown.get(post.ts) !== signature;
      seen.set(post.ts, signature);
      rows.push(this.message(post, changed));
    }
    if (rows.length === 0) {
      const channel = this.channel();
      rows.push(h("div", { class: "slack-empty" }, h("h3", { text: `This is the very beginning of #${channel.name}` }),
        h("p", { text: channel.team === "frontdesk" ? "Callback prompts, owner verifications and escalations appear here." : "Work orders for this team appear here when owners report through the bot." })));
    }
    this.shown = seen;
    list.replaceChildren(...rows);
    if (scrollToEnd || nearBottom || grew) list.scrollTop = list.scrollHeight;
  }

  message(post, changed) {
    const people = this.app.people;
    const meta = h("div", { class: "msg-meta" }, h("strong", { text: "Front Desk" }), h("span", { class: "app-badge" }, "APP"),
      post.at ? h("time", { datetime: post.at }, this.app.fmt.time(post.at)) : null);
    const content = post.blocks.length > 0
      ? renderBlocks(post.blocks, { people, me: this.staffId, onButton: (element, _block, button) => this.click(post, element, button) })
      : h("div", { class: "mrkdwn bk-text" }, mrkdwn(post.text, people, this.staffId));
    const ephemeral = post.ephemeral
      ? h("div", { class: "ephemeral-note" }, "👁 Only visible to you", h("button", { type: "button", onclick: (event) => event.currentTarget.closest(".msg").remove() }, "Dismiss"))
      : null;
    return h("div", { class: `msg${post.ephemeral ? " ephemeral" : ""}${changed ? " flash" : ""}`, dataset: { ts: post.ts } },
      h("img", { class: "msg-avatar", src: "/playground/assets/favicon.svg", alt: "" }),
      h("div", { class: "msg-body" }, ephemeral, meta, content, post.edited ? h("span", { class: "edited" }, "(edited)") : null, this.thread(post)));
  }

  /** A card's thread, as Slack shows it under the message: here, the owner's photos uploaded to it. */
  thread(post) {
    if (!post.threadFiles || post.threadFiles.length === 0) return null;
    return h("div", { class: "msg-thread" },
      h("div", { class: "msg-thread-label" }, `🧵 ${post.threadFiles.length} photo${post.threadFiles.length === 1 ? "" : "s"} in the thread`),
      h("div", { class: "msg-thread-files" }, post.threadFiles.map((file) =>
        h("img", { src: `/playground/api/slack-files/${encodeURIComponent(file.id)}`, alt: file.title, title: file.title }))));
  }

  async click(post, element, button) {
    button.disabled = true;
    try {
      await api.click({ as: this.staffId, channel: this.channelId, ts: post.ts, actionId: element.action_id, ...(element.value !== undefined ? { value: element.value } : {}) });
    } catch (error) {
      toast("Slack could not send that click", [error.message], "error");
    } finally {
      window.setTimeout(() => (button.disabled = false), 1200);
    }
  }
}
