import { isObservableObject, isObservableProp, runInAction, toJS } from 'mobx'
import { reportThreadId } from '../../../src/domain/messages'
import type { RootStore } from '../../../src/stores/root-store'
import { SignOutRegistry } from '../../../src/stores/sign-out'
import { buildApp, disposeApps, settle, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

/**
 * Who is signed in, this device's preferences, and WeChat's privacy authorization (WeChat keeps it
 * per device and mini-program, not per account): the only stores that are not the user's data.
 */
const NOT_THE_USERS = ['session', 'ui', 'privacy']

/** Different on every blank draft (a fresh idempotency key, the time it was made). */
const VOLATILE = new Set(['draft.draft.key', 'draft.draft.updatedAt', 'services.draft.key', 'services.draft.updatedAt'])

/**
 * Every store of the root, by its name there: whatever MobX observes, so a new store is in without a
 * list — its own fields and the subpackages' stores its getters build on first use (ADR 32).
 */
function storesOf(root: RootStore): Map<string, object> {
  const getters = Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(root)))
    .filter(([, d]) => d.get)
    .map(([name]) => [name, (root as unknown as Record<string, unknown>)[name]] as const)
  return new Map([...Object.entries(root), ...getters].filter(([, value]) => isObservableObject(value)) as Array<[string, object]>)
}

/** A store's observable state (fields and computed values), as plain data. */
function stateOf(name: string, store: object): Record<string, unknown> {
  const keys = new Set<string>()
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) if (isObservableProp(store, key)) keys.add(key)
  }
  const state: Record<string, unknown> = {}
  for (const key of [...keys].sort()) {
    const value = toJS((store as Record<string, unknown>)[key])
    state[key] = value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set) ? scrub(`${name}.${key}`, value) : value
  }
  return state
}

function scrub(path: string, value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !VOLATILE.has(`${path}.${key}`)))
}

function statesOf(root: RootStore): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [name, store] of storesOf(root)) if (!NOT_THE_USERS.includes(name)) out[name] = stateOf(name, store)
  return out
}

describe('SignOutRegistry', () => {
  it('runs every clear registered with it, in one action', () => {
    const registry = new SignOutRegistry()
    const cleared: string[] = []
    registry.onSignOut(() => cleared.push('a'))
    registry.onSignOut(() => cleared.push('b'))
    expect(registry.size).toBe(2)
    registry.clearAll()
    expect(cleared).toEqual(['a', 'b'])
  })
})

describe('signing out', () => {
  it('finds the stores without a list, and tells the user’s data from the device’s', () => {
    const { root } = buildApp()
    const names = [...storesOf(root).keys()]
    expect(names).toEqual(expect.arrayContaining(['session', 'ui', 'myReports', 'inbox', 'notices', 'messages', 'draft', 'outbox']))
    for (const name of NOT_THE_USERS) expect(names).toContain(name)
  })

  // A store that holds the user's data and forgot to register its clear fails here: after sign-out
  // it still differs from the same store on a device nobody ever signed in on.
  it('leaves every store that holds the user’s data as on a device nobody signed in on', async () => {
    const fresh = buildApp()
    await fresh.root.start()
    const nobody = statesOf(fresh.root)

    const { root, network, api } = await signedInApp('u-zhang')
    // Use every store, so each holds something of 张伟's.
    await root.inbox.setFilter({ group: 'all' })
    const report = root.inbox.items[0]
    await root.reportDetails.load(report.id)
    await root.handling.loadTemplates()
    await root.handling.loadMergeCandidates(report)
    await root.notices.refresh()
    await root.notices.open(root.notices.items[0].id)
    await root.notices.loadReceipts(root.notices.items[0].id)
    await root.messages.loadThreads()
    await root.messages.open(reportThreadId(report.id))
    await root.dashboard.setDays(30)
    await root.membership.loadProfile()
    await root.membership.search('映月')
    await root.claimsReview.load()
    await root.invites.load()
    await root.people.load()
    await root.people.loadJoinCode()
    // 张敏 is no admin: the settings answer a refusal, which is hers to forget too.
    await root.structure.load()
    // Conventions and consultation (issue 11).
    await root.conventions.load()
    await root.conventions.open(root.conventions.items[0].id)
    await root.conventions.loadSheet(root.conventions.items[0].id)
    await root.disclosures.setCategory('finance')
    await root.disclosures.open(root.disclosures.items[0].id)
    await root.consultation.refresh()
    await root.consultation.loadSettings()
    await root.proposals.setFilter('open')
    await root.proposals.load(root.proposals.items[0].id)
    await root.votes.refresh()
    await root.votes.load(root.votes.items[0].id)
    await root.discussion.open({ kind: 'proposal', id: root.proposals.items[0].id })
    // Service booking (issue 12).
    await root.services.load()
    await root.myBookings.load()
    await root.bookingDesk.loadServices()
    // Content security (issue 13): the queue (empty, but counted) and the log.
    await root.moderation.load()
    await root.auditLog.setAction('report.accept')
    // Extra questions (issue 14): a category that asks some, as an Open311 service does.
    api.reports.questions = async () => [{ code: 'pole', label: '灯杆编号', hint: '', type: 'string', required: true, order: 1, options: [], asked: true }]
    runInAction(() => root.directory.directory!.categories.push({ id: 'open311:streetlight', name: '路灯', guidance: '', deadlineHours: 168, hasQuestions: true }))
    await root.reportQuestions.load('open311:streetlight')
    network.set(false)
    root.draft.chooseCategory('cat-light')
    root.draft.setDescription('楼下路灯坏了，晚上看不清路')
    root.draft.setAddress('映月社区2号楼北侧')
    // Offline: the report waits in the outbox, and the next one is half written.
    expect((await root.draft.submit()).status).toBe('queued')
    root.draft.setDescription('又写了一半的诉求')

    const used = statesOf(root)
    expect(Object.keys(used).sort()).toEqual(Object.keys(nobody).sort())
    // Each store of the user's really holds something now, or the check below would prove nothing.
    for (const name of Object.keys(used)) expect({ [name]: used[name] }).not.toEqual({ [name]: nobody[name] })

    await root.session.signOut()
    await settle()
    const after = statesOf(root)
    for (const name of Object.keys(nobody)) expect({ [name]: after[name] }).toEqual({ [name]: nobody[name] })
  })
})
