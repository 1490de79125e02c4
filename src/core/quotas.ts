import type { Actor } from '../domain/actor'
import {
  bookingQuotas,
  contributionQuotas,
  messageQuotas,
  noticeQuotas,
  photoQuotas,
  QUOTAS,
  quotaRefusal,
  quotaSpan,
  type Quota,
} from '../domain/quotas'
import { ApiError } from './errors'
import type { Repositories, Store, UsageRepository } from './ports'

/**
 * The quotas of src/domain/quotas.ts applied over the usage port (ADR 20): each check counts what
 * the person wrote in the windows of their quotas (one statement) and refuses the next write with
 * `rate_limited`, the limit and when it frees up in the message, `retryAfterMs` until then. A check
 * comes just before the write it guards, after who-may and what-is-valid: a refused request never
 * counts, and a replay of an idempotent creation never reaches it.
 */

const spansOf = (quotas: readonly Quota[], now: Date) => quotas.map((q) => quotaSpan(q.window, now))

function enforce(quotas: readonly Quota[], used: readonly number[], now: Date): void {
  const refusal = quotaRefusal(quotas, used, now)
  if (refusal) throw new ApiError('rate_limited', refusal.message, { retryAfterMs: refusal.retryAfterMs })
}

/** Before a photo's bytes are read: today's photos and bytes. */
export async function checkPhotoQuota(repos: Repositories, actor: Actor, now: Date): Promise<void> {
  const quotas = photoQuotas(actor)
  const used = await repos.usage.photos(actor.id, spansOf(quotas, now))
  enforce(
    quotas,
    quotas.map((q, i) => (q.bytes ? used[i].bytes : used[i].count)),
    now,
  )
}

/** Before a message is posted: this hour's and today's messages. */
export async function checkMessageQuota(repos: Repositories, actor: Actor, now: Date): Promise<void> {
  const quotas = messageQuotas(actor)
  enforce(quotas, await repos.usage.messages(actor.id, spansOf(quotas, now)), now)
}

/** Before a notice is published: every notice, and urgent or pinned ones when this one is. */
export async function checkNoticeQuota(repos: Repositories, actor: Actor, prominent: boolean, now: Date): Promise<void> {
  const { all, prominent: top } = noticeQuotas(actor)
  const quotas = prominent ? [...all, ...top] : all
  const used = await repos.usage.notices(actor.id, spansOf(quotas, now))
  enforce(
    quotas,
    quotas.map((_, i) => (i < all.length ? used[i].count : used[i].prominent)),
    now,
  )
}

/** Before a proposal is raised: this week's. */
export async function checkProposalQuota(repos: Repositories, actor: Actor, now: Date): Promise<void> {
  enforce(QUOTAS.proposals, await repos.usage.proposals(actor.id, spansOf(QUOTAS.proposals, now)), now)
}

/** Before a contribution is written: this hour's (and today's) contributions, and today's questions when it is one. */
export async function checkContributionQuota(repos: Repositories, actor: Actor, kind: { official: boolean; question: boolean }, now: Date): Promise<void> {
  const all = contributionQuotas(kind.official)
  const quotas = kind.question ? [...all, ...QUOTAS.questions] : all
  const used = await repos.usage.contributions(actor.id, spansOf(quotas, now))
  enforce(
    quotas,
    quotas.map((_, i) => (i < all.length ? used[i].count : used[i].questions)),
    now,
  )
}

/** Before a booking is made: today's bookings the caller made. */
export async function checkBookingQuota(repos: Repositories, actor: Actor, now: Date): Promise<void> {
  const quotas = bookingQuotas(actor)
  enforce(quotas, await repos.usage.bookings(actor.id, spansOf(quotas, now)), now)
}

/** A usage port that counts nothing. */
const UNCOUNTED: UsageRepository = {
  photos: async (_id, spans) => spans.map(() => ({ count: 0, bytes: 0 })),
  messages: async (_id, spans) => spans.map(() => 0),
  notices: async (_id, spans) => spans.map(() => ({ count: 0, prominent: 0 })),
  proposals: async (_id, spans) => spans.map(() => 0),
  contributions: async (_id, spans) => spans.map(() => ({ count: 0, questions: 0 })),
  bookings: async (_id, spans) => spans.map(() => 0),
}

/**
 * The store with quotas off (nothing is counted): for load tests that write far more than any
 * person would (`npm run bench`), never for a deployment.
 */
export function withoutQuotas(store: Store): Store {
  return { ...store, usage: UNCOUNTED, transaction: (work) => store.transaction((tx) => work({ ...tx, usage: UNCOUNTED })) }
}
