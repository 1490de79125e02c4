import {
  CHUNHUI_NOTICES,
  CHUNHUI_REPORTS,
  CHUNHUI_USERS,
  DEMO_MESSAGES,
  DEMO_NOTICES,
  DEMO_REPORTS,
  DEMO_STREET,
  DEMO_USERS,
  type DemoMessage,
  type DemoNotice,
  type DemoReport,
  type DemoUser,
} from '../domain/demo-community'
import { CHUNHUI_COMMUNITY_ID, CHUNHUI_STRUCTURE, DEMO_COMMUNITY_ID, DEMO_STRUCTURE } from '../domain/demo-structure'
import { actorOf } from '../domain/actor'
import { emptyStructure, formatIssue, noUsage, placeName, planStructure, validateStructure, type StructureInput } from '../domain/structure'
import { createCore } from './core'
import { seedBooking } from './seed-booking'
import { seedConsultation } from './seed-consultation'
import type { Caller, Runtime } from './context'
import type { CommunitySetup, Store } from './ports'

const HOUR = 3_600_000

/**
 * A community's set-up from its structure, through the import's own checks (`validateStructure`,
 * `planStructure` over an empty community): a demo structure that the import would refuse fails here.
 */
export function setupFromStructure(communityId: string, input: StructureInput, joinCode: string, people: DemoUser[]): CommunitySetup {
  const issues = validateStructure(input)
  const planned = issues.length ? { issues } : planStructure(communityId, emptyStructure(), input, noUsage(), () => {
    throw new Error('every row of a demo structure carries its key')
  })
  if ('issues' in planned) throw new Error(`demo structure refused: ${planned.issues.map(formatIssue).join('; ')}`)
  const { target } = planned.plan
  return {
    community: { id: communityId, name: input.community.name, kind: input.community.kind, district: placeName(input.community), streetId: DEMO_STREET.id, streetName: DEMO_STREET.name },
    street: DEMO_STREET,
    joinCode,
    reportPrefix: input.community.reportPrefix,
    grids: target.grids,
    buildings: target.buildings,
    departments: target.departments,
    categories: target.categories,
    replyTemplates: target.replyTemplates,
    people,
  }
}

/** The demo community (映月社区) as a set-up, with its people (the newcomer and the street officer among them). */
export const DEMO_SETUP: CommunitySetup = setupFromStructure(DEMO_COMMUNITY_ID, DEMO_STRUCTURE, 'YYDEMO', DEMO_USERS)
/** The second demo community (春晖社区), so that isolation between communities can be seen. */
export const CHUNHUI_SETUP: CommunitySetup = setupFromStructure(CHUNHUI_COMMUNITY_ID, CHUNHUI_STRUCTURE, 'CHDEMO', CHUNHUI_USERS)

interface Stories {
  reports: DemoReport[]
  notices: DemoNotice[]
  messages: DemoMessage[]
  /** 映月社区's conventions, proposals, votes and disclosures (issue 11). */
  consultation?: boolean
  booking?: boolean
}

/**
 * Load the demo communities: each structure, then its stories replayed through the services every
 * request goes through — with the clock set to when each step happened, relative to `now` — so the
 * seed can never hold a state the rules would not reach. Does nothing for a community that exists
 * (whoever created it replays its stories); answers whether it seeded the first (映月社区).
 */
export async function seedDemo(store: Store, runtime: Runtime, now: Date = runtime.now()): Promise<boolean> {
  const yearAgo = now.getTime() - 365 * 24 * HOUR
  const seeded = await seedOne(store, runtime, now, yearAgo, DEMO_SETUP, { reports: DEMO_REPORTS, notices: DEMO_NOTICES, messages: DEMO_MESSAGES, consultation: true, booking: true })
  // An hour later: its people come after the first community's on the sign-in screen.
  await seedOne(store, runtime, now, yearAgo + HOUR, CHUNHUI_SETUP, { reports: CHUNHUI_REPORTS, notices: CHUNHUI_NOTICES, messages: [] })
  return seeded
}

async function seedOne(store: Store, runtime: Runtime, now: Date, setUpAt: number, setup: CommunitySetup, stories: Stories): Promise<boolean> {
  const created = await store.directory.createCommunity(setup, new Date(setUpAt).toISOString())
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
  for (const story of stories.reports) {
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

  for (const n of stories.notices) {
    const at = now.getTime() - n.ageHours * HOUR
    clock = new Date(at)
    const expiresAt = n.expiresAfterHours === undefined ? undefined : new Date(at + n.expiresAfterHours * HOUR).toISOString()
    const { title, body, scope, urgent, pinned } = n
    await core.notices
      .publish(await callerFor(n.by), { title, body, scope, urgent, pinned, ...(expiresAt ? { expiresAt } : {}) })
      .catch(explain(`demo notice ${n.key} breaks a rule`))
  }

  // In the order they were posted, so each thread's order is its story's.
  for (const m of [...stories.messages].sort((a, b) => b.ageHours - a.ageHours)) {
    const reportId = reportIds.get(m.reportKey)
    if (!reportId) throw new Error(`a demo message names an unknown report story ${m.reportKey}`)
    clock = new Date(now.getTime() - m.ageHours * HOUR)
    await core.messages.send(await callerFor(m.by), { reportId }, m.body).catch(explain(`demo message on ${m.reportKey} breaks a rule`))
  }
  if (stories.consultation) await seedConsultation(core, callerFor, now, (at) => (clock = at))
  if (stories.booking) await seedBooking(core, callerFor, now, (at) => (clock = at))
  return true
}
