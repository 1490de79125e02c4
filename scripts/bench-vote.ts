/**
 * The vote scenario of `npm run bench:scale`: in the booking scenario's community (BOOKERS
 * households, one resident each), the staff member opens VOTES community-wide approval votes; the
 * load casts ballots, each (vote, household) pair once, so every request is a first ballot — the
 * write of 民事民决 (the roll checked, the receipt and the choice stored) — until the pairs run out;
 * after that a ballot is answered as a repeat (the vote as it is).
 */
import type { Vote } from '../types/domain'
import { API, IDEMPOTENCY_HEADER } from '../types/routes'
import type { AutocannonRequest, BookingLoad, Http } from './bench-booking'

/** Votes opened: with 80 households, 16,000 first ballots (enough for 50 connections at ~1,000 req/s for 10 s). */
export const VOTES = 200

export interface VoteLoad {
  /** Each vote's id and its 同意 option. */
  votes: Array<{ id: string; agree: string }>
  tokens: string[]
}

export async function prepareVotes(base: string, booking: BookingLoad, http: Http): Promise<VoteLoad> {
  const votes: VoteLoad['votes'] = []
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  for (let i = 0; i < VOTES; i++) {
    const answer = await http(base, 'POST', API.votes, {
      token: booking.staff,
      key: `bench-vote-${Date.now()}-${i}`,
      body: { title: `压测表决${i + 1}`, description: '压测：是否同意增设电动车充电桩。', kind: 'approval', options: [], scope: { kind: 'community' }, closesAt, quorumPercent: 50, majority: 'simple', publicityDays: 7 },
    })
    const vote = answer.json as Vote | undefined
    if (answer.status !== 201 || !vote?.id) throw new Error(`vote: opening a vote failed: HTTP ${answer.status} ${JSON.stringify(answer.json)?.slice(0, 300)}`)
    votes.push({ id: vote.id, agree: vote.options[0].id })
  }
  return { votes, tokens: booking.tokens }
}

/** How many (vote, household) pairs there are: each is one first ballot. */
export function ballotPairs(load: VoteLoad): number {
  return load.votes.length * load.tokens.length
}

/**
 * One ballot per request from pair `from` on: pair n is household n mod BOOKERS in vote
 * ⌊n / BOOKERS⌋, so no two requests cast for one household in one vote. A run given its own range
 * of pairs (the warm-up the first half, the measured run the second) casts only first ballots; a
 * 409 or 403 counts as failed.
 */
export function castBallots(load: VoteLoad, from: number): AutocannonRequest[] {
  const households = load.tokens.length
  let next = from
  return [
    {
      method: 'POST',
      setupRequest: (req) => {
        const n = next++ % (load.votes.length * households)
        const vote = load.votes[Math.floor(n / households)]
        const token = load.tokens[n % households]
        return {
          ...req,
          path: `${API.prefix}${API.voteBallot(vote.id)}`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: `bench-ballot-${n}` },
          body: JSON.stringify({ optionId: vote.agree }),
        }
      },
    },
  ]
}
