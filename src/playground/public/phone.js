// The owner's phone: who is playing, their Telegram chat with the bot, and what they can press.
import { api } from "./api.js";
import { avatar, h, toast } from "./dom.js";
import { scaledPhoto } from "./photo.js";

const $ = (id) => document.getElementById(id);

export class Phone {
  /** `app`: { setup, fmt, onRead(ownerId) }. */
  constructor(app) {
    this.app = app;
    this.ownerId = null;
    this.unread = new Set();
    this.keyboardClosed = false;
    this.loading = null;
    this.lastCount = 0;
  }

  mount() {
    $("tg-send").addEventListener("click", () => this.send());
    $("tg-input").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) this.send();
    });
    $("tg-start").addEventListener("click", () => this.act(() => api.sendText(this.ownerId, "/start")));
    $("tg-menu").addEventListener("click", () => ($("tg-commands").hidden = !$("tg-commands").hidden));
    $("tg-attach").addEventListener("click", () => $("tg-file").click());
    $("tg-file").addEventListener("change", (event) => this.sendPhoto(event.target));
    $("tg-kbd").addEventListener("click", () => {
      this.keyboardClosed = !this.keyboardClosed;
      this.refresh();
    });
    $("tg-title").textContent = this.app.setup.bot.name;
  }

  owner() {
    return this.app.setup.owners.find((owner) => owner.id === this.ownerId);
  }

  renderOwners() {
    $("owner-list").replaceChildren(...this.app.setup.owners.map((owner) =>
      h("button", {
        type: "button", role: "option", class: "owner-chip", "aria-selected": String(owner.id === this.ownerId), dataset: { ownerId: owner.id },
        title: owner.note, onclick: () => this.select(owner.id),
      }, avatar(owner.name, owner.id), owner.name, h("span", { class: "lang" }, owner.locale === "en" ? "EN" : "中文"),
      this.unread.has(owner.id) ? h("span", { class: "unread", "aria-label": "new messages" }) : null)));
  }

  async select(ownerId) {
    this.ownerId = ownerId;
    this.unread.delete(ownerId);
    this.keyboardClosed = false;
    this.lastCount = 0;
    window.localStorage.setItem("playground.owner", String(ownerId));
    this.renderOwners();
    const owner = this.owner();
    const claim = owner.claims ? ` When the bot asks, answer building ${owner.claims.building}, unit ${owner.claims.unit}; the front desk approves it in #frontdesk.` : "";
    $("owner-note").textContent = `${owner.name}: ${owner.note}.${claim}`;
    await this.refresh();
  }

  /** Another owner's chat changed: mark them unread. */
  markUnread(ownerId) {
    if (ownerId === this.ownerId) return;
    this.unread.add(ownerId);
    this.renderOwners();
  }

  async refresh() {
    if (this.ownerId === null) return;
    // Coalesce bursts of events into one fetch at a time, plus one more if anything arrived meanwhile.
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        const ownerId = this.ownerId;
        const screen = await api.phone(ownerId).catch((error) => toast("Could not load the chat", [error.message], "error"));
        if (screen && ownerId === this.ownerId) this.render(screen);
      } while (this.again);
    })();
    try {
      await this.loading;
    } finally {
      this.loading = null;
    }
  }

  render(screen) {
    const chat = $("tg-chat");
    const nearBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 80;
    const { fmt } = this.app;
    const rows = [];
    let lastDay = null;
    let lastFrom = null;
    for (const bubble of screen.bubbles) {
      const day = fmt.dayKey(bubble.at);
      if (day !== lastDay) rows.push(h("div", { class: "tg-day" }, fmt.day(bubble.at)));
      rows.push(this.bubble(bubble, bubble.from === lastFrom && day === lastDay));
      lastDay = day;
      lastFrom = bubble.from;
    }
    if (rows.length === 0) {
      rows.push(h("div", { class: "tg-empty" }, h("h3", { text: "What can this bot do?" }),
        h("p", { text: `${this.app.setup.property.name} ${this.app.setup.property.localName}: report repairs, follow your requests and answer the front desk, in Chinese or English. Press START.` })));
    }
    chat.replaceChildren(...rows);
    const pinned = nearBottom || screen.bubbles.length !== this.lastCount;
    this.lastCount = screen.bubbles.length;
    const empty = screen.bubbles.length === 0;
    $("tg-start").hidden = !empty;
    $("tg-compose").hidden = empty;
    this.renderKeyboard(empty ? null : screen.replyKeyboard);
    // Scrolled only after the keyboard under the input is drawn (it shrinks the chat) and again as
    // each photo loads (it grows the chat): scrolled earlier, the newest message ends up hidden.
    if (pinned) {
      const toEnd = () => { chat.scrollTop = chat.scrollHeight; };
      toEnd();
      window.requestAnimationFrame(toEnd);
      for (const img of chat.querySelectorAll("img")) if (!img.complete) img.addEventListener("load", toEnd, { once: true });
    }
    $("tg-commands").replaceChildren(...screen.commands.map((command) =>
      h("button", { type: "button", onclick: () => {
        $("tg-commands").hidden = true;
        this.act(() => api.sendText(this.ownerId, `/${command.command}`));
      } }, h("span", { class: "cmd" }, `/${command.command}`), h("span", { class: "desc" }, command.description))));
    $("tg-menu").hidden = screen.commands.length === 0;
  }

  bubble(bubble, continued) {
    const meta = h("span", { class: "meta" }, bubble.edited ? "edited " : "", this.app.fmt.time(bubble.at), bubble.from === "owner" ? " ✓✓" : "");
    let body;
    if (bubble.photoUrl) {
      body = h("div", { class: "bubble photo" }, h("img", { src: bubble.photoUrl, alt: "Photo" }), meta);
    } else if (bubble.contact) {
      body = h("div", { class: "bubble" }, h("div", { class: "contact-card" }, avatar(bubble.contact.name, this.ownerId),
        h("div", {}, h("strong", { text: bubble.contact.name }), h("span", { text: bubble.contact.phone }))), meta);
    } else {
      body = h("div", { class: "bubble" }, bubble.from === "bot" ? this.withCommands(bubble.text ?? "") : bubble.text ?? "", meta);
    }
    const buttons = bubble.buttons ? h("div", { class: "inline-kb" }, bubble.buttons.map((row) => h("div", { class: "inline-kb-row" }, row.map((button) =>
      button.url
        ? h("button", { type: "button", onclick: () => window.open(button.url, "_blank", "noopener") }, `${button.text} ↗`)
        : h("button", { type: "button", onclick: (event) => this.pressInline(event.currentTarget, bubble.id, button.data) }, button.text))))) : null;
    return h("div", { class: `tg-row ${bubble.from}${continued ? " same" : ""}`, dataset: { messageId: bubble.id } }, body, buttons);
  }

  /** Telegram makes `/command` in a bot's text a link that sends it; so does the page. */
  withCommands(text) {
    return text.split(/(\/[a-z][a-z0-9_]{0,31}\b)/).map((part, index) => (index % 2 === 1
      ? h("a", { href: "#", class: "tg-command", onclick: (event) => {
        event.preventDefault();
        this.act(() => api.sendText(this.ownerId, part));
      } }, part)
      : part));
  }

  renderKeyboard(keyboard) {
    const box = $("tg-keyboard");
    $("tg-kbd").hidden = !keyboard;
    if (!keyboard || this.keyboardClosed) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.replaceChildren(...keyboard.rows.map((row) => h("div", { class: "tg-keyboard-row" }, row.map((button) =>
      h("button", { type: "button", class: button.requestContact ? "contact" : "", onclick: () => (button.requestContact ? this.confirmContact(button.text) : this.act(() => api.pressKey(this.ownerId, button.text))) }, button.text)))));
  }

  /** Telegram asks before it shares the phone number; so does the page. */
  confirmContact(label) {
    const owner = this.owner();
    const sheet = $("tg-sheet");
    const close = () => (sheet.hidden = true);
    sheet.replaceChildren(h("div", { class: "tg-dialog", role: "dialog", "aria-label": "Share phone number" },
      h("h3", { text: "Share your phone number?" }),
      h("p", { text: `The bot will know your phone number ${owner.phone}. ${owner.registered ? "It is in the owner register." : "It is not in the owner register yet."}` }),
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: close }, "Cancel"),
        h("button", { type: "button", onclick: () => {
          close();
          this.act(() => api.pressKey(this.ownerId, label));
        } }, "Share"))));
    sheet.hidden = false;
  }

  send() {
    const input = $("tg-input");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    this.act(() => api.sendText(this.ownerId, text));
  }

  async sendPhoto(fileInput) {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    try {
      const photo = await scaledPhoto(file);
      await this.act(() => api.sendPhoto(this.ownerId, photo.contentType, photo.base64));
    } catch (error) {
      toast("Could not send the photo", [error.message], "error");
    }
  }

  pressInline(button, messageId, data) {
    for (const sibling of button.closest(".inline-kb").querySelectorAll("button")) sibling.disabled = true;
    this.act(() => api.pressInline(this.ownerId, messageId, data)).finally(() => window.setTimeout(() => this.refresh(), 1500));
  }

  async act(action) {
    try {
      await action();
      $("tg-chat").scrollTop = $("tg-chat").scrollHeight;
    } catch (error) {
      toast("The phone could not do that", [error.message], "error");
    }
  }

  showTyping() {
    const subtitle = $("tg-subtitle");
    subtitle.textContent = "typing…";
    subtitle.classList.add("typing");
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => {
      subtitle.textContent = "bot";
      subtitle.classList.remove("typing");
    }, 2500);
  }

  showToast(text) {
    const box = $("tg-toast");
    box.textContent = text;
    box.hidden = false;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => (box.hidden = true), 2200);
  }
}
