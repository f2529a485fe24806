// The playground server's API. The page never reaches the product's core: owners' actions go to
// the fake Bot API as updates, staff clicks go to the product's /slack/events as Slack would send them.

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `the playground answered ${response.status}`);
  return data;
}

const owners = (id) => `/playground/api/owners/${encodeURIComponent(id)}`;

export const api = {
  setup: () => call("GET", "/playground/api/setup"),
  phone: (ownerId) => call("GET", owners(ownerId)),
  sendText: (ownerId, text) => call("POST", `${owners(ownerId)}/text`, { text }),
  pressKey: (ownerId, text) => call("POST", `${owners(ownerId)}/keyboard`, { text }),
  pressInline: (ownerId, messageId, data) => call("POST", `${owners(ownerId)}/inline`, { messageId, data }),
  sendPhoto: (ownerId, contentType, base64) => call("POST", `${owners(ownerId)}/photo`, { contentType, base64 }),
  channel: (channel, as) => call("GET", `/playground/api/channels/${encodeURIComponent(channel)}?as=${encodeURIComponent(as)}`),
  click: (input) => call("POST", "/playground/api/click", input),
  shortcut: (as, callbackId) => call("POST", "/playground/api/shortcut", { as, callbackId }),
  modal: (as) => call("GET", `/playground/api/modal?as=${encodeURIComponent(as)}`),
  submitModal: (as, viewId, values) => call("POST", "/playground/api/modal/submit", { as, viewId, values }),
  closeModal: (as) => call("POST", "/playground/api/modal/close", { as }),
  clock: () => call("GET", "/playground/api/clock"),
  report: (month) => call("GET", `/playground/api/reports/${encodeURIComponent(month)}`),
  advance: (body) => call("POST", "/playground/api/clock", body),
  reset: () => call("POST", "/playground/api/reset", {}),
};
