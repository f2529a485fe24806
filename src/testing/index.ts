export * from "./fake-telegram-server.js";
export * from "./fake-slack-server.js";
