import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Engine and CLI tests spawn processes; two cores are all we have.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
