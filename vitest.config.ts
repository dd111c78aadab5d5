import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Command lines and bots started by tests read this tiny file, never the 300 MB bundled vectors.
    env: { WORD_VECTORS: path.resolve('tests/fixtures/word-vectors.json') },
  },
});
