import {defineConfig} from "vitest/config";

// Unit tests: everything under test/ except the browser tests, which need a built dist/.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    testTimeout: 60_000,
    // Some suites import a demo delivery in beforeAll; a busy shared machine needs more than 10 s.
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default", "./test/summary-reporter.ts"]
  }
});
