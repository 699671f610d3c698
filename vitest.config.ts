import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const shared = () => ({
  include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
  environment: "node" as const,
  setupFiles: ["./test/setup-db.ts"],
  pool: "forks" as const,
  testTimeout: 20_000,
  hookTimeout: 30_000,
});

// The whole suite runs on SQLite, and again on PostgreSQL when TEST_POSTGRES_URL names a server
// (never guessed): each test file then gets a database copied from one migrated template.
const projects: TestProjectInlineConfiguration[] = [
  { extends: true, test: { ...shared(), name: "sqlite", env: { TEST_ENGINE: "sqlite" } } },
];
if (process.env.TEST_POSTGRES_URL) {
  projects.push({
    extends: true,
    test: {
      ...shared(),
      name: "postgres",
      // SQLite's online backup API and file copies; the PostgreSQL backup (pg_dump) is not covered yet.
      exclude: ["**/node_modules/**", "app/features/retention/backup.server.test.ts"],
      env: { TEST_ENGINE: "postgres" },
      globalSetup: ["./test/postgres-template.ts"],
    },
  });
}

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: { projects },
});
