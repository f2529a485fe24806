// Small DOM and formatting helpers shared by the page's modules. Text always goes in as text
// nodes, never as HTML: messages are written by owners and staff.

/** Creates an element: attributes (`class`, `text`, `on<event>`, `dataset`, others as attributes) and children. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = value;
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof window.Node ? child : String(child));
  }
  return element;
}

const palette = ["#0f766e", "#2563eb", "#9333ea", "#db2777", "#ea580c", "#16a34a", "#0891b2", "#4f46e5", "#b45309", "#be123c"];

/** A stable colour for a person, from their id. */
export function colorFor(seed) {
  let hash = 0;
  for (const char of String(seed)) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return palette[hash % palette.length];
}

/** Initials as a messaging app shows them: the first letters of two words, or the first CJK character. */
export function initials(name) {
  const words = String(name).trim().split(/\s+/);
  if (/[\u3400-\u9fff]/.test(words[0] ?? "")) return (words[0] ?? "").slice(0, 1);
  return words.slice(0, 2).map((word) => word.charAt(0).toUpperCase()).join("");
}

export function avatar(name, seed, extraClass = "") {
  return h("span", { class: `avatar ${extraClass}`.trim(), style: `background:${colorFor(seed)}`, "aria-hidden": "true" }, initials(name));
}

/** Formats instants in the property's time zone (the product counts deadlines there). */
export function formatter(timeZone) {
  const make = (options) => new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
  const time = make({ hour: "2-digit", minute: "2-digit", hour12: false });
  const day = make({ weekday: "long", day: "numeric", month: "long" });
  const dayKey = make({ year: "numeric", month: "2-digit", day: "2-digit" });
  const full = make({ weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false });
  return {
    time: (at) => time.format(new Date(at)),
    day: (at) => day.format(new Date(at)),
    dayKey: (at) => dayKey.format(new Date(at)),
    full: (at) => full.format(new Date(at)),
  };
}

/** "2d 3h" for a duration in ms, for "ahead of real time". */
export function formatDuration(ms) {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days}d` : "", hours ? `${hours}h` : "", !days && rest ? `${rest}m` : ""].filter(Boolean).join(" ") || "0m";
}

/**
 * The UTC instant of a wall time in `timeZone` (from a datetime-local input): the zone's offset
 * at that moment is found by formatting a first guess there and correcting by the difference.
 */
export function zonedToInstant(local, timeZone) {
  const asUtc = Date.parse(`${local}:00Z`);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(new Date(asUtc));
  const get = (type) => parts.find((part) => part.type === type)?.value ?? "00";
  const shown = Date.parse(`${get("year")}-${get("month")}-${get("day")}T${get("hour") === "24" ? "00" : get("hour")}:${get("minute")}:00Z`);
  return new Date(asUtc - (shown - asUtc));
}

/** The datetime-local value for an instant in `timeZone`. */
export function instantToZoned(at, timeZone) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(new Date(at));
  const get = (type) => parts.find((part) => part.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour") === "24" ? "00" : get("hour")}:${get("minute")}`;
}

/** Shows a short message at the bottom of the page. */
export function toast(title, lines = [], kind = "info") {
  const box = document.getElementById("toasts");
  const item = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status", title: "Click to dismiss", onclick: () => item.remove() },
    h("strong", { text: title }), lines.length ? h("ul", {}, lines.map((line) => h("li", { text: line }))) : null);
  box.append(item);
  window.setTimeout(() => item.remove(), kind === "error" ? 7000 : 5000);
}
