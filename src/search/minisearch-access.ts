import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/** Term frequencies of one term, by minisearch's internal (short) document id. */
export type Postings = Map<number, number>;
/** A term's postings by field id, as minisearch keeps them in its radix tree. */
type FieldPostings = Map<number, Postings>;
type RadixTree = SearchableMap<FieldPostings>['_tree'];

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

/** A SentenceIndex document: its sentence id, and its terms joined by spaces (for minisearch's own add()). */
export interface IndexDocument {
  id: number;
  text: string;
}

/**
 * Reads, bulk-fills, exports and restores the state of a single-field, pre-tokenised MiniSearch. minisearch stays the
 * index (its maps, its add/discard/vacuum, its BM25 formula); this adapter only skips the costs that
 * do not scale: `add()` walks the radix tree once per token (about 5 s for Reuters' 2.6 M tokens,
 * against 0.4 s here), and `search()` allocates a result object per posting, so a common term costs
 * milliseconds per question. A subclass, because it reads minisearch's protected fields (typed by
 * its declarations, so an upgrade that changes them fails to compile): the package is pinned to
 * ~7.2, its version and this file are part of the snapshot fingerprint, and tests compare the
 * result with `add()` and `search()`.
 */
export class MiniSearchAccess extends MiniSearch<IndexDocument> {
  /** By short id: the caller's id (-1 once discarded), as a flat array. */
  private ids = new Int32Array(0);

  constructor(options: Options<IndexDocument>) {
    super(options);
  }

  get averageLength(): number {
    return this._avgFieldLength[FIELD] ?? 0;
  }

  /** Postings of a term; entries of discarded documents may linger until minisearch vacuums them. */
  postings(term: string): Postings | undefined {
    return this._index.get(term)?.get(FIELD);
  }

  /** The caller's id of a live document, -1 once it is discarded. */
  documentId(shortId: number): number {
    return this.ids[shortId] ?? -1;
  }

  /** Field length as minisearch counts it (distinct terms). */
  length(shortId: number): number {
    return this._fieldLength.get(shortId)?.[FIELD] ?? 0;
  }

  /** The state to persist, with the caller's ids renumbered by `renumber` (e.g. compacted). */
  exportState(renumber: (id: number) => number): MiniSearchState {
    const documentIds = new Map<number, number>();
    for (const [shortId, id] of this._documentIds) documentIds.set(shortId, renumber(id));
    return {
      tree: this._index._tree,
      documentIds,
      lengths: this._fieldLength,
      documentCount: this._documentCount,
      nextId: this._nextId,
      averageLength: this._avgFieldLength[FIELD] ?? 0,
      dirtCount: this._dirtCount,
    };
  }

  /** Replaces an empty index's state with a persisted one (the inverse of exportState). */
  importState(state: MiniSearchState): void {
    if (this._documentCount > 0 || this._nextId > 0) throw new Error('importState needs an empty index');
    // minisearch's bundle declares its own copy of SearchableMap (the same code, types that do not
    // unify), so the restored map needs this one conversion.
    this._index = new SearchableMap<FieldPostings>(state.tree as RadixTree) as unknown as MiniSearchAccess['_index'];
    this._documentIds = state.documentIds;
    this._fieldLength = state.lengths;
    this._documentCount = state.documentCount;
    this._nextId = state.nextId;
    this._avgFieldLength[FIELD] = state.averageLength;
    this._dirtCount = state.dirtCount;
    this.reserve(state.nextId);
    for (const [shortId, id] of state.documentIds) {
      this._idToShortId.set(id, shortId);
      this.ids[shortId] = id;
    }
  }

  /** Discards a document through minisearch (which cleans its postings lazily); returns its short id. */
  override discard(id: number): number {
    const shortId = this._idToShortId.get(id)!;
    // minisearch throws here for an id it does not hold, so shortId is defined below.
    super.discard(id);
    this.ids[shortId] = -1;
    return shortId;
  }

  private reserve(size: number): void {
    if (this.ids.length >= size) return;
    const capacity = Math.max(size, Math.ceil(this.ids.length * 1.5), 1024);
    const ids = new Int32Array(capacity).fill(-1);
    ids.set(this.ids);
    this.ids = ids;
  }

  /** The next short id minisearch will hand out: an upper bound for arrays indexed by short id. */
  get idLimit(): number {
    return this._nextId;
  }

  /**
   * Adds documents as `add()` would (same short ids, postings and lengths, in order; the average
   * length is computed in one division rather than a running mean, so it may differ in the last bit).
   * Returns how many of the documents contain each term. The documents' term arrays are rewritten
   * in place to share one string instance per distinct term, which saves memory on large archives.
   */
  addTerms(documents: readonly { id: number; terms: string[] }[]): Map<string, number> {
    this.reserve(this._nextId + documents.length);
    const pending = new Map<string, { term: string; postings: Postings; last: number }>();
    let total = (this._avgFieldLength[FIELD] ?? 0) * this._documentCount;
    for (const { id, terms } of documents) {
      const shortId = this._nextId++;
      this._documentIds.set(shortId, id);
      this._idToShortId.set(id, shortId);
      this._documentCount++;
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
      this._fieldLength.set(shortId, [distinct]);
      this.ids[shortId] = id;
      total += distinct;
    }
    this._avgFieldLength[FIELD] = this._documentCount > 0 ? total / this._documentCount : 0;
    const counts = new Map<string, number>();
    for (const [term, { postings }] of pending) {
      counts.set(term, postings.size);
      const fields = this._index.fetch(term, () => new Map());
      const existing = fields.get(FIELD);
      if (!existing) fields.set(FIELD, postings);
      else for (const [shortId, tf] of postings) existing.set(shortId, tf);
    }
    return counts;
  }
}
