/**
 * Word vectors for the archive's own terms, quantised to one signed byte per dimension (unit length
 * times 127), so a table for a whole archive's vocabulary costs about 100 bytes a term in memory and
 * in the snapshot. Read only at index time (see readWordVectors); /ask only compares rows.
 */
export class TermVectors {
  private readonly rows = new Map<string, number>();

  constructor(
    readonly terms: readonly string[],
    /** Row i is the vector of terms[i]: `dimensions` bytes each. */
    readonly data: Int8Array,
    readonly dimensions: number,
  ) {
    if (data.length !== terms.length * dimensions) throw new Error('term vectors: data does not match the term list');
    terms.forEach((term, row) => this.rows.set(term, row));
  }

  static readonly NONE = new TermVectors([], new Int8Array(0), 0);

  get size(): number {
    return this.terms.length;
  }

  has(term: string): boolean {
    return this.rows.has(term);
  }

  /** Cosine similarity of two terms' vectors (0 when either has none). */
  similarity(a: string, b: string): number {
    return this.rowSimilarity(this.row(a), this.row(b));
  }

  /** A term's row, or -1 when it has no vector (for callers that compare one term with many). */
  row(term: string): number {
    return this.rows.get(term) ?? -1;
  }

  /** Cosine similarity of two rows (0 when either is -1). */
  rowSimilarity(rowA: number, rowB: number): number {
    if (rowA < 0 || rowB < 0) return 0;
    const { data, dimensions } = this;
    let dot = 0;
    for (let i = 0, x = rowA * dimensions, y = rowB * dimensions; i < dimensions; i++) dot += data[x + i]! * data[y + i]!;
    return dot / (SCALE * SCALE);
  }

  /** Quantises float vectors (any length, same dimensions) to a table. */
  static fromFloats(vectors: ReadonlyMap<string, ArrayLike<number>>): TermVectors {
    const terms = [...vectors.keys()];
    const dimensions = terms.length > 0 ? vectors.get(terms[0]!)!.length : 0;
    const data = new Int8Array(terms.length * dimensions);
    terms.forEach((term, row) => {
      const vector = vectors.get(term)!;
      let norm = 0;
      for (let i = 0; i < dimensions; i++) norm += vector[i]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < dimensions; i++) data[row * dimensions + i] = Math.round((vector[i]! / norm) * SCALE);
    });
    return new TermVectors(terms, data, dimensions);
  }
}

/** A unit vector's components are stored times this (the largest signed byte). */
const SCALE = 127;
