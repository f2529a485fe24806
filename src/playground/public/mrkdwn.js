// Slack's mrkdwn drawn as DOM nodes: *bold*, _italic_, ~strike~, `code`, ```pre```, <@U…> mentions,
// <#C…|name>, <!here>, <url|label>, :emoji: codes and the three escaped entities.
import { h } from "./dom.js";

const emoji = {
  alarm_clock: "⏰", rotating_light: "🚨", white_check_mark: "✅", heavy_check_mark: "✔️", wrench: "🔧", hammer_and_wrench: "🛠️",
  warning: "⚠️", x: "❌", hourglass: "⌛", hourglass_flowing_sand: "⏳", telephone_receiver: "📞", phone: "☎️", house: "🏠",
  calendar: "📅", date: "📅", "+1": "👍", "-1": "👎", information_source: "ℹ️", lock: "🔒", eyes: "👀", tada: "🎉", memo: "📝",
  camera: "📷", bust_in_silhouette: "👤", busts_in_silhouette: "👥", droplet: "💧", bulb: "💡", fire: "🔥", no_entry: "⛔",
  arrow_right: "➡️", repeat: "🔁", clipboard: "📋", speech_balloon: "💬", bell: "🔔", construction: "🚧", star: "⭐",
};

const token = new RegExp(
  [
    "```([\\s\\S]+?)```",
    "`([^`\\n]+)`",
    "<([^<>\\n]+)>",
    "(?<![\\p{L}\\p{N}*])\\*(?!\\s)([^*\\n]+?)\\*(?![\\p{L}\\p{N}])",
    "(?<![\\p{L}\\p{N}_])_(?!\\s)([^_\\n]+?)_(?![\\p{L}\\p{N}])",
    "(?<![\\p{L}\\p{N}~])~(?!\\s)([^~\\n]+?)~(?![\\p{L}\\p{N}])",
    ":([a-z0-9_+\\-]+):",
  ].join("|"),
  "gu",
);

function decode(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** `people` maps Slack user ids to names; `me` is the user the page acts as (their mentions stand out). */
export function mrkdwn(text, people = new Map(), me = "") {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const match of String(text).matchAll(token)) {
    out.append(decode(text.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, pre, code, angle, bold, italic, strike, shortcode] = match;
    if (pre !== undefined) out.append(h("pre", { text: decode(pre) }));
    else if (code !== undefined) out.append(h("code", { text: decode(code) }));
    else if (angle !== undefined) out.append(angled(angle, people, me));
    else if (bold !== undefined) out.append(h("strong", {}, mrkdwn(bold, people, me)));
    else if (italic !== undefined) out.append(h("em", {}, mrkdwn(italic, people, me)));
    else if (strike !== undefined) out.append(h("s", {}, mrkdwn(strike, people, me)));
    else if (shortcode !== undefined) out.append(emoji[shortcode] ?? match[0]);
  }
  out.append(decode(text.slice(last)));
  return out;
}

function angled(inner, people, me) {
  const [target, label] = inner.split("|", 2);
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return h("span", { class: `mention${id === me ? " me" : ""}` }, `@${label ?? people.get(id) ?? id}`);
  }
  if (target.startsWith("#")) return h("span", { class: "mention" }, `#${label ?? target.slice(1)}`);
  if (target.startsWith("!")) return h("span", { class: "mention" }, `@${label ?? target.slice(1).split("^")[0]}`);
  if (/^(https?:|mailto:)/.test(target)) return h("a", { href: target, target: "_blank", rel: "noopener noreferrer" }, decode(label ?? target));
  return decode(`<${inner}>`);
}

/** A text object: mrkdwn drawn, plain_text as it is. */
export function textObject(object, people, me) {
  if (!object || typeof object.text !== "string") return document.createTextNode("");
  if (object.type === "mrkdwn") return h("span", { class: "mrkdwn bk-text" }, mrkdwn(object.text, people, me));
  const plain = object.emoji === false ? object.text : object.text.replace(/:([a-z0-9_+\-]+):/g, (whole, code) => emoji[code] ?? whole);
  return h("span", { class: "bk-text" }, plain);
}
