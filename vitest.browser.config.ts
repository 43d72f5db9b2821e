import {defineConfig} from "vitest/config";

// Browser tests: serve the built dist/ on 127.0.0.1 and drive Debian's chromium with playwright-core.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ["default", "./test/summary-reporter.ts"]
  }
});
