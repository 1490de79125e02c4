import type { QuotaSpan } from '../../../domain/quotas'
import type { UsageRepository } from '../../../core/ports'
import type { Run, Tables } from '../tables'

/**
 * The memory store's UsageRepository: what one person wrote in each span, counted over the rows
 * (instants are stored as `toISOString` writes them, so text order is time order).
 */

const within = (at: string, span: QuotaSpan) => at >= span.from && at < span.to

/** For each span, the sum of `weigh` over the rows in it. */
function tally<Row>(rows: readonly Row[], at: (row: Row) => string, spans: readonly QuotaSpan[], weigh: (row: Row) => number = () => 1): number[] {
  return spans.map((span) => rows.reduce((sum, row) => (within(at(row), span) ? sum + weigh(row) : sum), 0))
}

export function usageRepository(t: Tables, run: Run): UsageRepository {
  return {
    photos: (ownerId, spans) =>
      run(() => {
        const rows = t.photos.rows().filter((p) => p.ownerId === ownerId)
        const counts = tally(rows, (p) => p.createdAt, spans)
        const bytes = tally(rows, (p) => p.createdAt, spans, (p) => p.bytes)
        return spans.map((_, i) => ({ count: counts[i], bytes: bytes[i] }))
      }),
    messages: (authorId, spans) =>
      run(() =>
        tally(
          t.messages.rows().filter((m) => m.authorId === authorId),
          (m) => m.at,
          spans,
        ),
      ),
    notices: (authorId, spans) =>
      run(() => {
        const rows = t.notices.rows().filter((n) => n.authorId === authorId)
        const counts = tally(rows, (n) => n.publishedAt, spans)
        const prominent = tally(rows, (n) => n.publishedAt, spans, (n) => (n.urgent || n.pinned ? 1 : 0))
        return spans.map((_, i) => ({ count: counts[i], prominent: prominent[i] }))
      }),
    proposals: (authorId, spans) =>
      run(() =>
        tally(
          t.proposals.rows().filter((p) => p.authorId === authorId),
          (p) => p.createdAt,
          spans,
        ),
      ),
    contributions: (authorId, spans) =>
      run(() => {
        const rows = t.contributions.rows().filter((c) => c.authorId === authorId)
        const counts = tally(rows, (c) => c.createdAt, spans)
        const questions = tally(rows, (c) => c.createdAt, spans, (c) => (!c.official && c.subjectKey.startsWith('disclosure:') ? 1 : 0))
        return spans.map((_, i) => ({ count: counts[i], questions: questions[i] }))
      }),
    bookings: (userId, spans) =>
      run(() =>
        tally(
          t.bookings.rows().filter((b) => b.bookedById === userId || (b.personId === userId && b.bookedById == null)),
          (b) => b.createdAt,
          spans,
        ),
      ),
  }
}
