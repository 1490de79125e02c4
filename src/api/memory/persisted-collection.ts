import type { KeyValueStorage } from '../../platform/storage'

/**
 * One collection of rows (a "table") of the memory store, kept in memory and persisted in chunks:
 * rows in the order they were inserted, at most `chunkRows` per storage key
 * (`<prefix>.<name>.0`, `.1` …), so no key grows near WeChat's 1 MB per-key limit however many rows
 * there are, and a change rewrites only the chunks it touched.
 *
 * Rows are never changed in place: a write replaces the row object, and the first write to a chunk
 * inside a unit of work copies the chunk (copy-on-write), so `rollback` puts the chunks seen at
 * `begin` back without reading storage. Callers hand in fresh objects and hand out copies.
 */
export class PersistedCollection<Row> {
  private chunks: Row[][] = []
  /** Per chunk, the commit stamp that last wrote it (what `refresh` compares with the meta key). */
  private revisions: string[] = []
  private byKey = new Map<string, { row: Row; chunk: number }>()
  private flat: Row[] | null = null
  /** While a unit of work is open: each touched chunk as it was at `begin` (null: the chunk is new). */
  private saved: Map<number, Row[] | null> | null = null
  private savedLength = 0

  constructor(
    readonly name: string,
    private readonly keyOf: (row: Row) => string,
    private readonly chunkRows: number,
  ) {}

  // ── reading ───────────────────────────────────────────────────────────────────────────────

  get(key: string): Row | undefined {
    return this.byKey.get(key)?.row
  }

  has(key: string): boolean {
    return this.byKey.has(key)
  }

  get size(): number {
    return this.byKey.size
  }

  /** Every row in insertion order. Internal: never hand the array or its rows to a caller. */
  rows(): readonly Row[] {
    if (!this.flat) {
      const all: Row[] = []
      for (const chunk of this.chunks) for (const row of chunk) all.push(row)
      this.flat = all
    }
    return this.flat
  }

  // ── writing (inside a unit of work) ─────────────────────────────────────────────────────────

  /** Add a row; throws when its key exists (a primary key). */
  insert(row: Row): void {
    const key = this.keyOf(row)
    if (this.byKey.has(key)) throw new Error(`memory store: duplicate key ${this.name}(${key})`)
    let index = this.chunks.length - 1
    if (index < 0 || this.chunks[index].length >= this.chunkRows) index = this.chunks.length
    this.touch(index).push(row)
    this.byKey.set(key, { row, chunk: index })
  }

  /** Replace the row with the same key (which must exist). */
  replace(row: Row): void {
    const key = this.keyOf(row)
    const entry = this.byKey.get(key)
    if (!entry) throw new Error(`memory store: no row ${this.name}(${key})`)
    const chunk = this.touch(entry.chunk)
    chunk[chunk.indexOf(entry.row)] = row
    this.byKey.set(key, { row, chunk: entry.chunk })
  }

  /** Insert, or replace the row with the same key. */
  upsert(row: Row): void {
    if (this.byKey.has(this.keyOf(row))) this.replace(row)
    else this.insert(row)
  }

  remove(key: string): boolean {
    const entry = this.byKey.get(key)
    if (!entry) return false
    const chunk = this.touch(entry.chunk)
    chunk.splice(chunk.indexOf(entry.row), 1)
    this.byKey.delete(key)
    return true
  }

  removeWhere(test: (row: Row) => boolean): number {
    const gone = this.rows().filter(test)
    for (const row of gone) this.remove(this.keyOf(row))
    return gone.length
  }

  private touch(index: number): Row[] {
    if (!this.saved) throw new Error(`memory store: ${this.name} written outside a unit of work`)
    if (!this.saved.has(index)) {
      this.saved.set(index, this.chunks[index] ?? null)
      this.chunks[index] = this.chunks[index] ? this.chunks[index].slice() : []
    }
    this.flat = null
    return this.chunks[index]
  }

  // ── the unit of work ────────────────────────────────────────────────────────────────────────

  begin(): void {
    this.saved = new Map()
    this.savedLength = this.chunks.length
  }

  /** The chunks written since `begin`, in order. */
  dirtyChunks(): number[] {
    return this.saved ? [...this.saved.keys()].sort((a, b) => a - b) : []
  }

  /** What a touched chunk held at `begin` (null: it did not exist), for undoing a half-written commit. */
  savedChunk(index: number): Row[] | null {
    return this.saved?.get(index) ?? null
  }

  /** Keep the writes (after they reached storage under `stamp`). */
  commit(stamp: string): void {
    for (const index of this.dirtyChunks()) this.revisions[index] = stamp
    this.saved = null
  }

  /** Put back every chunk as it was at `begin`. */
  rollback(): void {
    if (!this.saved) return
    const touched = this.saved.size > 0
    for (const [index, rows] of this.saved) if (rows) this.chunks[index] = rows
    this.chunks.length = this.savedLength
    this.saved = null
    if (touched) this.reindex()
  }

  // ── storage ─────────────────────────────────────────────────────────────────────────────────

  chunkKey(prefix: string, index: number): string {
    return `${prefix}.${this.name}.${index}`
  }

  serializeChunk(index: number): string {
    return JSON.stringify(this.chunks[index] ?? [])
  }

  /** The per-chunk stamps, as the meta key records them. */
  chunkRevisions(): string[] {
    return [...this.revisions]
  }

  /**
   * Bring the chunks up to `revisions` (from the meta key): read only the chunks whose stamp
   * differs from the one held, drop chunks past the end. A chunk that cannot be read counts as empty
   * (a torn write must not brick the app). Answers whether anything changed.
   */
  refresh(storage: KeyValueStorage, prefix: string, revisions: readonly string[]): boolean {
    let changed = revisions.length !== this.chunks.length
    for (let index = 0; index < revisions.length; index++) {
      if (this.revisions[index] === revisions[index] && this.chunks[index]) continue
      this.chunks[index] = readRows<Row>(storage.get(this.chunkKey(prefix, index)))
      changed = true
    }
    this.chunks.length = revisions.length
    this.revisions = [...revisions]
    if (changed) this.reindex()
    return changed
  }

  /** Forget every row (another schema's data, or none yet). */
  clear(): void {
    this.chunks = []
    this.revisions = []
    this.saved = null
    this.reindex()
  }

  private reindex(): void {
    this.byKey = new Map()
    this.chunks.forEach((chunk, index) => {
      for (const row of chunk) this.byKey.set(this.keyOf(row), { row, chunk: index })
    })
    this.flat = null
  }
}

function readRows<Row>(raw: string | null): Row[] {
  if (raw === null) return []
  try {
    const rows: unknown = JSON.parse(raw)
    return Array.isArray(rows) ? (rows as Row[]) : []
  } catch {
    return []
  }
}
