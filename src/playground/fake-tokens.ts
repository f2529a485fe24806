/** The bot token the playground's product uses against its fake Slack, which refuses any other. */
export const playgroundSlackToken = "xoxb-playground";
