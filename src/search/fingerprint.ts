import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The sources whose behaviour is baked into a snapshot: article parsing, the wink-nlp pipeline and
 * the term normaliser, the modules that build the stored maps (the sentence index and its
 * minisearch access), and the snapshot layout itself. Editing any of them (or upgrading a package
 * below) makes old snapshots mismatch, so they are rebuilt instead of answering with stale terms.
 */
export const PIPELINE_SOURCES = [
  '../articles/article',
  '../articles/parse',
  '../nlp/acronyms',
  '../nlp/compounds',
  '../nlp/analyze',
  '../nlp/article-sentences',
  '../nlp/discourse',
  '../nlp/entities',
  '../nlp/statement-cues',
  '../nlp/stopwords',
  '../nlp/terms',
  '../nlp/truecase',
  '../nlp/wink',
  '../nlp/word-vectors',
  './article-index',
  './minisearch-access',
  './sentence-index',
  './snapshot',
  './term-vectors',
];
const PACKAGES = ['minisearch', 'wink-nlp', 'wink-eng-lite-web-model'];

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The version field of an installed package, found by walking up from its entry point. */
function packageVersion(name: string): string {
  for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (json.name === name) return json.version ?? '?';
  }
  return '?';
}

/** The source of a module next to this one, as .ts (tsx) or .js (compiled). */
function moduleSource(relative: string): string {
  for (const ext of ['.ts', '.js']) {
    const file = path.join(here, relative + ext);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return `missing ${relative}`;
}

let cached: string | undefined;

/** A short hash of everything that determines a snapshot's content (computed once per process). */
export function pipelineFingerprint(): string {
  cached ??= createHash('sha1')
    .update(PACKAGES.map((name) => `${name}@${packageVersion(name)}`).join('\n'))
    .update(PIPELINE_SOURCES.map(moduleSource).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return cached;
}
