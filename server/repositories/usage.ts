import type { UsageRepository } from '../../src/core/ports'
import type { QuotaSpan } from '../../src/domain/quotas'
import type { Queryable } from '../db/driver'

/**
 * What one person wrote in each span, in SQL: one statement per question, a column per measure and
 * span (`count(*) FILTER (WHERE …)`), over the person's rows between the earliest span's start and
 * the latest one's end (the author/owner indexes find them).
 */

interface Table {
  /** The table (and alias-free columns below). */
  from: string
  /** The instant a row was written. */
  at: string
  /** Whose rows: `$1` is the person's id. */
  who: string
}

type Measures = Record<string, (inSpan: string) => string>

const count: Measures = { n: (inSpan) => `count(*) FILTER (WHERE ${inSpan})` }

async function tally(q: Queryable, table: Table, personId: string, spans: readonly QuotaSpan[], measures: Measures): Promise<Array<Record<string, number>>> {
  if (spans.length === 0) return []
  const params: unknown[] = [personId]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}::timestamptz`
  }
  const columns = spans.flatMap((span, i) => {
    const inSpan = `${table.at} >= ${param(span.from)} AND ${table.at} < ${param(span.to)}`
    return Object.entries(measures).map(([name, measure]) => `${measure(inSpan)} AS ${name}_${i}`)
  })
  const from = spans.reduce((earliest, s) => (s.from < earliest ? s.from : earliest), spans[0].from)
  const to = spans.reduce((latest, s) => (s.to > latest ? s.to : latest), spans[0].to)
  const [row] = await q.query<Record<string, unknown>>(
    `SELECT ${columns.join(', ')} FROM ${table.from} WHERE ${table.who} AND ${table.at} >= ${param(from)} AND ${table.at} < ${param(to)}`,
    params,
  )
  // count and sum are bigint: a number from PGlite, a string from pg.
  return spans.map((_, i) => Object.fromEntries(Object.keys(measures).map((name) => [name, Number(row?.[`${name}_${i}`] ?? 0)])))
}

const PHOTOS: Table = { from: 'photos', at: 'created_at', who: 'owner_id = $1' }
const MESSAGES: Table = { from: 'messages', at: 'at', who: 'author_id = $1' }
const NOTICES: Table = { from: 'notices', at: 'published_at', who: 'author_id = $1' }
const PROPOSALS: Table = { from: 'proposals', at: 'created_at', who: 'author_id = $1' }
const CONTRIBUTIONS: Table = { from: 'contributions', at: 'created_at', who: 'author_id = $1' }
// Booked by them (代约), or for themselves.
const BOOKINGS: Table = { from: 'bookings', at: 'created_at', who: '(booked_by_id = $1 OR (person_id = $1 AND booked_by_id IS NULL))' }

export function usageRepository(q: Queryable): UsageRepository {
  return {
    photos: async (ownerId, spans) =>
      (await tally(q, PHOTOS, ownerId, spans, { ...count, bytes: (inSpan) => `COALESCE(sum(bytes) FILTER (WHERE ${inSpan}), 0)` })).map((r) => ({
        count: r.n,
        bytes: r.bytes,
      })),
    messages: async (authorId, spans) => (await tally(q, MESSAGES, authorId, spans, count)).map((r) => r.n),
    notices: async (authorId, spans) =>
      (await tally(q, NOTICES, authorId, spans, { ...count, prominent: (inSpan) => `count(*) FILTER (WHERE ${inSpan} AND (urgent OR pinned))` })).map((r) => ({
        count: r.n,
        prominent: r.prominent,
      })),
    proposals: async (authorId, spans) => (await tally(q, PROPOSALS, authorId, spans, count)).map((r) => r.n),
    contributions: async (authorId, spans) =>
      (
        await tally(q, CONTRIBUTIONS, authorId, spans, {
          ...count,
          questions: (inSpan) => `count(*) FILTER (WHERE ${inSpan} AND NOT official AND subject_key LIKE 'disclosure:%')`,
        })
      ).map((r) => ({ count: r.n, questions: r.questions })),
    bookings: async (userId, spans) => (await tally(q, BOOKINGS, userId, spans, count)).map((r) => r.n),
  }
}
