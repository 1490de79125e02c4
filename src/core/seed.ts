import {
  DEMO_BUILDINGS,
  DEMO_CATEGORIES,
  DEMO_COMMUNITY,
  DEMO_DEPARTMENTS,
  DEMO_GRIDS,
  DEMO_MESSAGES,
  DEMO_NOTICES,
  DEMO_REPLY_TEMPLATES,
  DEMO_REPORTS,
  DEMO_USERS,
} from '../domain/demo-community'
import { actorOf } from '../domain/actor'
import { createCore } from './core'
import type { Caller, Runtime } from './context'
import type { CommunitySetup, Store } from './ports'

const HOUR = 3_600_000

/** The demo community (映月社区) as a set-up: the same shape a real community is loaded from. */
export const DEMO_SETUP: CommunitySetup = {
  community: DEMO_COMMUNITY,
  reportPrefix: 'YY',
  grids: DEMO_GRIDS,
  buildings: DEMO_BUILDINGS,
  departments: DEMO_DEPARTMENTS,
  categories: DEMO_CATEGORIES,
  replyTemplates: DEMO_REPLY_TEMPLATES,
  people: DEMO_USERS,
}

/**
 * Load the demo community: its structure, then its stories replayed through the services every
 * request goes through — with the clock set to when each step happened, relative to `now` — so the
 * seed can never hold a state the rules would not reach. Does nothing when the community exists
 * (whoever created it replays the stories); answers whether it seeded.
 */
export async function seedDemo(store: Store, runtime: Runtime, now: Date = runtime.now()): Promise<boolean> {
  const created = await store.directory.createCommunity(DEMO_SETUP, new Date(now.getTime() - 365 * 24 * HOUR).toISOString())
  if (!created) return false
  let clock = now
  const core = createCore(store, { ...runtime, now: () => clock }, { demo: true })
  const callerFor = async (id: string): Promise<Caller> => {
    const user = await store.users.find(id)
    if (!user) throw new Error(`the demo stories name an unknown person ${id}`)
    return { user, actor: actorOf(user), photoUrl: () => '' }
  }
  const explain = (what: string) => (error: unknown) => {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }

  const reportIds = new Map<string, string>()
  for (const story of DEMO_REPORTS) {
    const filedAt = now.getTime() - story.ageHours * HOUR
    clock = new Date(filedAt)
    const { categoryId, description, location, anonymous } = story
    const report = await core.reports
      .submitUnkeyed(await callerFor(story.by), { categoryId, description, photoIds: [], location, anonymous })
      .catch(explain(`demo story ${story.key} cannot be filed`))
    for (const step of story.steps) {
      clock = new Date(filedAt + step.afterHours * HOUR)
      const { note, reason, assignee, rating } = step
      await core.handling
        .move(await callerFor(step.by), report.id, step.move, { note, reason, assignee, rating })
        .catch(explain(`demo story ${story.key} breaks a rule at ${step.move}`))
    }
    reportIds.set(story.key, report.id)
  }

  for (const n of DEMO_NOTICES) {
    const at = now.getTime() - n.ageHours * HOUR
    clock = new Date(at)
    const expiresAt = n.expiresAfterHours === undefined ? undefined : new Date(at + n.expiresAfterHours * HOUR).toISOString()
    const { title, body, scope, urgent, pinned } = n
    await core.notices
      .publish(await callerFor(n.by), { title, body, scope, urgent, pinned, ...(expiresAt ? { expiresAt } : {}) })
      .catch(explain(`demo notice ${n.key} breaks a rule`))
  }

  // In the order they were posted, so each thread's order is its story's.
  for (const m of [...DEMO_MESSAGES].sort((a, b) => b.ageHours - a.ageHours)) {
    const reportId = reportIds.get(m.reportKey)
    if (!reportId) throw new Error(`a demo message names an unknown report story ${m.reportKey}`)
    clock = new Date(now.getTime() - m.ageHours * HOUR)
    await core.messages.send(await callerFor(m.by), { reportId }, m.body).catch(explain(`demo message on ${m.reportKey} breaks a rule`))
  }
  return true
}
