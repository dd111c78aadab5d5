import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { buildIndex } from '../../src/search/build.js';
import type { SentenceIndex } from '../../src/search/sentence-index.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A temporary folder with the given files (path → content), removed after the test. */
export function tempCorpus(files: Record<string, string | Uint8Array>, name = 'corpus'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-'));
  made.push(root);
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** An index of the given articles (file name → content), written to a temporary corpus folder. */
export function indexOver(files: Record<string, string>): Promise<SentenceIndex> {
  return buildIndex([{ dir: tempCorpus(files) }]);
}
