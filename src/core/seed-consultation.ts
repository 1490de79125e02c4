import type { Caller } from './context'
import type { Core } from './core'
import { DEMO_CONVENTIONS, DEMO_DISCLOSURES, DEMO_PROPOSALS, DEMO_PROPOSAL_SETTINGS } from '../domain/demo-consultation'

const DAY = 24 * 3_600_000

/**
 * Replay 映月社区's conventions and consultation through the core (domain/demo-consultation.ts),
 * with `setClock` moving the core's clock to each step's time — like the report stories.
 */
export async function seedConsultation(core: Core, callerFor: (id: string) => Promise<Caller>, now: Date, setClock: (at: Date) => void): Promise<void> {
  const c = core.consultation
  const at = (daysAgo: number) => setClock(new Date(now.getTime() - daysAgo * DAY))
  const key = (...parts: Array<string | number>) => ({ idempotencyKey: `demo-seed-${parts.join('-')}` })
  const explain = (what: string) => (error: unknown) => {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }

  at(365)
  await c.updateSettings(await callerFor('u-zhang'), DEMO_PROPOSAL_SETTINGS)

  for (const story of DEMO_CONVENTIONS) {
    const by = await callerFor(story.by)
    const [first, ...later] = story.versions
    at(first.publishedDaysAgo)
    const convention = await c
      .create(by, { kind: story.kind, title: story.title, buildingIds: story.buildingIds, articles: first.articles, changeNote: first.changeNote, publish: true }, key(story.key))
      .catch(explain(`demo convention ${story.key}`))
    let articles = convention.inForce!.articles
    for (const next of later) {
      at(next.publishedDaysAgo)
      const draft = next.articles.map((a, i) => (next.keepArticleIds && articles[i] ? { ...a, id: articles[i].id } : a))
      await c.saveDraft(by, convention.id, { articles: draft, changeNote: next.changeNote }).catch(explain(`demo convention ${story.key} draft`))
      articles = (await c.publishDraft(by, convention.id, {}).catch(explain(`demo convention ${story.key} publication`))).inForce!.articles
    }
    for (const ack of story.acknowledgedBy) {
      at(ack.daysAgo)
      await c.acknowledge(await callerFor(ack.by), convention.id).catch(explain(`demo acknowledgement of ${story.key} by ${ack.by}`))
    }
  }

  for (const story of DEMO_PROPOSALS) {
    at(story.daysAgo)
    const proposal = await c
      .propose(await callerFor(story.by), { title: story.title, body: story.body, photoIds: [] }, key(story.key))
      .catch(explain(`demo proposal ${story.key}`))
    for (const s of story.cosignedBy) {
      at(s.daysAgo)
      await c.cosign(await callerFor(s.by), proposal.id).catch(explain(`demo co-sign of ${story.key} by ${s.by}`))
    }
    const posted: string[] = []
    for (const [i, m] of story.contributions.entries()) {
      at(m.daysAgo)
      const input = { body: m.body, ...(m.stance ? { stance: m.stance } : {}), ...(m.replyTo !== undefined ? { parentId: posted[m.replyTo] } : {}) }
      const made = await c
        .contribute(await callerFor(m.by), { kind: 'proposal', id: proposal.id }, input, key(story.key, 'c', i))
        .catch(explain(`demo contribution ${i} on ${story.key}`))
      posted.push(made.id)
    }
    if (story.answer) {
      at(story.answer.daysAgo)
      await c.answer(await callerFor(story.answer.by), proposal.id, { kind: story.answer.kind, reason: story.answer.reason }).catch(explain(`demo answer of ${story.key}`))
    }
    if (story.minutes) {
      at(story.minutes.daysAgo)
      await c.addMinutes(await callerFor(story.minutes.by), proposal.id, { text: story.minutes.text, photoIds: [] }, key(story.key, 'm')).catch(explain(`demo minutes of ${story.key}`))
    }
    const v = story.vote
    if (v) {
      at(v.daysAgo)
      const staff = await callerFor(v.by)
      const closesAt = new Date(now.getTime() - v.daysAgo * DAY + v.closesInDays * DAY).toISOString()
      const vote = await c
        .openVote(
          staff,
          { title: story.title, description: v.description, kind: 'approval', options: [], scope: v.scope, closesAt, quorumPercent: v.quorumPercent, majority: 'simple', publicityDays: 7, proposalId: proposal.id },
          key(story.key, 'v'),
        )
        .catch(explain(`demo vote on ${story.key}`))
      for (const b of v.ballots) {
        at(b.daysAgo)
        await c.castBallot(await callerFor(b.by), vote.id, vote.options[b.option].id).catch(explain(`demo ballot on ${story.key} by ${b.by}`))
      }
      if (v.publishedDaysAgo !== undefined) {
        at(v.publishedDaysAgo)
        await c.publishResult(staff, vote.id).catch(explain(`demo result of ${story.key}`))
      }
    }
    for (const [i, p] of (story.progress ?? []).entries()) {
      at(p.daysAgo)
      await c
        .addProgress(await callerFor(p.by), proposal.id, { percent: p.percent, text: p.text, photoIds: [], ...(p.responsible ? { responsible: p.responsible } : {}) }, key(story.key, 'p', i))
        .catch(explain(`demo progress ${i} of ${story.key}`))
    }
    for (const r of story.ratings ?? []) {
      at(r.daysAgo)
      await c.rate(await callerFor(r.by), proposal.id, { level: r.level, comment: r.comment }).catch(explain(`demo rating of ${story.key}`))
    }
  }

  for (const story of DEMO_DISCLOSURES) {
    at(story.daysAgo)
    const d = await c
      .publishDisclosure(
        await callerFor(story.by),
        { category: story.category, period: story.period, title: story.title, body: story.body, photoIds: [], ...(story.finance ? { finance: story.finance } : {}) },
        key(story.key),
      )
      .catch(explain(`demo disclosure ${story.key}`))
    const posted: string[] = []
    for (const [i, q] of story.questions.entries()) {
      at(q.daysAgo)
      const made = await c
        .contribute(await callerFor(q.by), { kind: 'disclosure', id: d.id }, { body: q.body, ...(q.replyTo !== undefined ? { parentId: posted[q.replyTo] } : {}) }, key(story.key, 'q', i))
        .catch(explain(`demo question ${i} on ${story.key}`))
      posted.push(made.id)
    }
  }
}
