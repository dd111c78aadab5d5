/** Term frequencies of one term, by minisearch's internal (short) document id. */
export type Postings = Map<number, number>;

/** The parts of minisearch 7's state that bulk loading and the bounded candidate stage use. */
interface Internals {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _index: RadixIndex;
}

interface RadixIndex {
  _tree: Map<string, unknown>;
  get(term: string): Map<number, Postings> | undefined;
  fetch(term: string, initial: () => Map<number, Postings>): Map<number, Postings>;
}

/** minisearch's state as plain Maps and numbers (what a snapshot stores with v8.serialize). */
export interface MiniSearchState {
  tree: Map<string, unknown>;
  /** Short id → the caller's id. */
  documentIds: Map<number, number>;
  lengths: Map<number, number[]>;
  documentCount: number;
  nextId: number;
  averageLength: number;
  dirtCount: number;
}

/** The one field a SentenceIndex document has (field id 0 in minisearch). */
const FIELD = 0;

/**
 * Reads, bulk-fills, exports and restores the state of a single-field, pre-tokenised MiniSearch. minisearch stays the
 * index (its maps, its add/discard/vacuum, its BM25 formula); this adapter only skips the costs that
 * do not scale: `add()` walks the radix tree once per token (about 5 s for Reuters' 2.6 M tokens,
 * against 0.4 s here), and `search()` allocates a result object per posting, so a common term costs
 * milliseconds per question. Kept in one place because it reads private fields: minisearch's
 * version is part of the snapshot fingerprint, and tests compare it with `add()` and `search()`.
 */
export class MiniSearchAccess {
  private readonly state: Internals;
  /** By short id: the caller's id (-1 once discarded) and the length, as flat arrays for the hot loop. */
  private ids = new Int32Array(0);
  private lengths = new Uint32Array(0);

  constructor(private readonly mini: { discard(id: number): void }) {
    this.state = mini as unknown as Internals;
  }

  get documentCount(): number {
    return this.state._documentCount;
  }

  get averageLength(): number {
    return this.state._avgFieldLength[FIELD] ?? 0;
  }

  /** Postings of a term; entries of discarded documents may linger until minisearch vacuums them. */
  postings(term: string): Postings | undefined {
    return this.state._index.get(term)?.get(FIELD);
  }

  /** The caller's id of a live document, -1 once it is discarded. */
  documentId(shortId: number): number {
    return this.ids[shortId] ?? -1;
  }

  /** Field length as minisearch counts it (distinct terms). */
  length(shortId: number): number {
    return this.lengths[shortId]!;
  }

  /** The state to persist, with the caller's ids renumbered by `renumber` (e.g. compacted). */
  exportState(renumber: (id: number) => number): MiniSearchState {
    const s = this.state;
    const documentIds = new Map<number, number>();
    for (const [shortId, id] of s._documentIds) documentIds.set(shortId, renumber(id));
    return {
      tree: s._index._tree,
      documentIds,
      lengths: s._fieldLength,
      documentCount: s._documentCount,
      nextId: s._nextId,
      averageLength: s._avgFieldLength[FIELD] ?? 0,
      dirtCount: s._dirtCount,
    };
  }

  /** Replaces an empty index's state with a persisted one (the inverse of exportState). */
  importState(state: MiniSearchState): void {
    const s = this.state;
    if (s._documentCount > 0 || s._nextId > 0) throw new Error('importState needs an empty index');
    const RadixMap = s._index.constructor as new (tree: Map<string, unknown>) => RadixIndex;
    s._index = new RadixMap(state.tree);
    s._documentIds = state.documentIds;
    s._fieldLength = state.lengths;
    s._documentCount = state.documentCount;
    s._nextId = state.nextId;
    s._avgFieldLength[FIELD] = state.averageLength;
    s._dirtCount = state.dirtCount;
    this.reserve(state.nextId);
    for (const [shortId, id] of state.documentIds) {
      s._idToShortId.set(id, shortId);
      this.ids[shortId] = id;
      this.lengths[shortId] = state.lengths.get(shortId)?.[FIELD] ?? 0;
    }
  }

  /** Discards a document through minisearch (which cleans its postings lazily). */
  discard(id: number): void {
    const shortId = this.state._idToShortId.get(id);
    this.mini.discard(id);
    if (shortId !== undefined) this.ids[shortId] = -1;
  }

  private reserve(size: number): void {
    if (this.ids.length >= size) return;
    const capacity = Math.max(size, Math.ceil(this.ids.length * 1.5), 1024);
    const ids = new Int32Array(capacity).fill(-1);
    ids.set(this.ids);
    const lengths = new Uint32Array(capacity);
    lengths.set(this.lengths);
    this.ids = ids;
    this.lengths = lengths;
  }

  /** The next short id minisearch will hand out: an upper bound for arrays indexed by short id. */
  get idLimit(): number {
    return this.state._nextId;
  }

  /**
   * Adds documents as `add()` would (same short ids, postings and lengths, in order; the average
   * length is computed in one division rather than a running mean, so it may differ in the last bit).
   * Returns how many of the documents contain each term. The documents' term arrays are rewritten
   * in place to share one string instance per distinct term, which saves memory on large archives.
   */
  addAll(documents: readonly { id: number; terms: string[] }[]): Map<string, number> {
    const s = this.state;
    this.reserve(s._nextId + documents.length);
    const pending = new Map<string, { term: string; postings: Postings; last: number }>();
    let total = (s._avgFieldLength[FIELD] ?? 0) * s._documentCount;
    for (const { id, terms } of documents) {
      const shortId = s._nextId++;
      s._documentIds.set(shortId, id);
      s._idToShortId.set(id, shortId);
      s._documentCount++;
      let distinct = 0;
      for (let i = 0; i < terms.length; i++) {
        let entry = pending.get(terms[i]!);
        if (!entry) pending.set(terms[i]!, (entry = { term: terms[i]!, postings: new Map(), last: -1 }));
        else terms[i] = entry.term;
        if (entry.last === shortId) entry.postings.set(shortId, entry.postings.get(shortId)! + 1);
        else {
          entry.postings.set(shortId, 1);
          entry.last = shortId;
          distinct++;
        }
      }
      s._fieldLength.set(shortId, [distinct]);
      this.ids[shortId] = id;
      this.lengths[shortId] = distinct;
      total += distinct;
    }
    s._avgFieldLength[FIELD] = s._documentCount > 0 ? total / s._documentCount : 0;
    const counts = new Map<string, number>();
    for (const [term, { postings }] of pending) {
      counts.set(term, postings.size);
      const fields = s._index.fetch(term, () => new Map());
      const existing = fields.get(FIELD);
      if (!existing) fields.set(FIELD, postings);
      else for (const [shortId, tf] of postings) existing.set(shortId, tf);
    }
    return counts;
  }
}
