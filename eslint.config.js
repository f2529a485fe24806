// @ts-check
import tseslint from "typescript-eslint";

/** Packages the workflow core must never see: it speaks through its ports only. */
const outsideTheCore = [
  "grammy", "grammy/*", "@grammyjs/*",
  "@slack/*",
  "@prisma/*", "prisma", "prisma/*", "**/generated/**",
  "better-sqlite3", "pg",
  "node-cron", "i18next", "i18next/*", "pino", "pino/*",
  "node:http", "node:fs", "node:fs/promises",
  "**/adapters/**", "**/app/**", "**/testing/**", "**/config/**", "**/playground/**",
];

const adapters = ["persistence", "telegram", "slack", "scheduler", "i18n"];

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "data/", "coverage/", "test-results/", "build/", "build-*/"] },
  {
    // The playground's page runs in the browser as plain ES modules, not through TypeScript.
    files: ["src/playground/public/**/*.js"],
    languageOptions: { globals: { window: "readonly", document: "readonly", fetch: "readonly", EventSource: "readonly" } },
    rules: { "no-undef": "error" },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: outsideTheCore, message: "src/core speaks through its ports: no platform, database, logging or adapter imports." }],
      }],
    },
  },
  {
    files: ["src/**/*.ts", "test/**/*.ts", "scripts/**/*.ts"],
    ignores: ["src/adapters/persistence/**", "test/adapters/persistence/**", "test/support/**", "scripts/**", "src/core/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["@prisma/*", "**/generated/**", "better-sqlite3", "pg"], message: "Only src/adapters/persistence talks to the database." }],
      }],
    },
  },
  ...adapters.map((name) => ({
    files: [`src/adapters/${name}/**/*.ts`],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{
          group: adapters.filter((other) => other !== name).map((other) => `**/adapters/${other}/**`).concat(["**/app/**", "**/playground/**"]),
          message: "Adapters never import each other; wire them in src/app.",
        }, {
          group: ["**/core/use-cases/shared/**"],
          message: "Use cases' shared internals are not a port: call a use case.",
        }],
      }],
    },
  })),
);
