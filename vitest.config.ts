import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generates the scenario validator from the schema when it is missing or stale (see the file).
    globalSetup: ["./test/support/generate-scenario-validator.mjs"],
    // Child-process CLI tests and LibreOffice-free suites are fast; keep the default pool.
    testTimeout: 30_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
