// Runs exported Vitest tests (written to test/generated/ by test/unit/export.test.ts) on their own,
// so the main suite never picks up a generated or deliberately broken file.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/generated/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
