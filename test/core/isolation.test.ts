import type { Caller } from '../../src/core/context'
import { ApiError } from '../../src/core/errors'
import { generalThreadId, reportThreadId } from '../../src/domain/messages'
import { keywordCheck, REVIEW } from '../support/keyword-check'
import { createWorld, DEMO, OTHER, type World } from './support/world'

/**
 * Community isolation (issue 10): a person of one community never sees, counts or guesses anything
 * of another. Every read and write operation, as each role of the second community (临溪村), on an
 * object of the demo community (映月社区) answers not_found — the same answer as for an id that
 * does not exist, so nobody can tell a foreign object from a missing one.
 */

interface Objects {
  report: string
  notice: string
  claim: string
  invite: string
  member: string
  /** A held text of 映月社区 in its moderation queue (issue 13). */
  held: string
}

let world: World
let objects: Objects

beforeAll(async () => {
  world = await createWorld({ contentCheck: keywordCheck() })
  const zhang = await world.caller(DEMO.zhang)
  const report = await world.file(DEMO.wang)
  await world.core.messages.send(await world.caller(DEMO.wang), { reportId: report.id }, '请尽快处理')
  await world.core.messages.send(await world.caller(DEMO.wang), 'general', '请问社区几点开门？')
  const notice = await world.core.notices.publish(zhang, { title: '映月社区通知', body: '本周六大扫除。', scope: { kind: 'community' }, urgent: false, pinned: false })
  await world.core.communities.join(await world.caller('u-xin'), DEMO.community)
  const claim = await world.core.households.claim(await world.caller('u-xin'), { buildingId: 'b-3', room: '301', name: '赵新民', phone: '13900000301' })
  const invite = await world.core.invites.create(await world.caller(DEMO.he), { role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '', expiresInHours: 24 })
  await world.core.messages.send(await world.caller(DEMO.wang), 'general', `还有一个问题${REVIEW}`)
  const [held] = (await world.core.moderation.list(zhang)).items
  objects = { report: report.id, notice: notice.id, claim: claim.id, invite: invite.id, member: DEMO.wang, held: held.id }
})

/** What each operation is called with, as a caller of the other community. */
const OPERATIONS: Array<[string, (c: Caller, o: Objects) => Promise<unknown>]> = [
  ['reports.get', (c, o) => world.core.reports.get(c, o.report)],
  ['reports.meToo', (c, o) => world.core.reports.meToo(c, o.report)],
  ['handling.move accept', (c, o) => world.core.handling.move(c, o.report, 'accept', {})],
  ['handling.move rate', (c, o) => world.core.handling.move(c, o.report, 'rate', { rating: { level: 'satisfied', comment: '' } })],
  ['handling.reporterPhone', (c, o) => world.core.handling.reporterPhone(c, o.report, { reason: 'follow_up' })],
  ['messages.listMessages (report thread)', (c, o) => world.core.messages.listMessages(c, reportThreadId(o.report))],
  ['messages.send (report)', (c, o) => world.core.messages.send(c, { reportId: o.report }, '你好')],
  ['messages.send (report thread)', (c, o) => world.core.messages.send(c, { threadId: reportThreadId(o.report) }, '你好')],
  ['messages.listMessages (general thread)', (c, o) => world.core.messages.listMessages(c, generalThreadId(o.member))],
  ['messages.markRead (general thread)', (c, o) => world.core.messages.markRead(c, generalThreadId(o.member))],
  ['notices.get', (c, o) => world.core.notices.get(c, o.notice)],
  ['notices.markRead', (c, o) => world.core.notices.markRead(c, o.notice)],
  ['notices.receipts', (c, o) => world.core.notices.receipts(c, o.notice)],
  ['households.approve', (c, o) => world.core.households.approve(c, o.claim)],
  ['households.reject', (c, o) => world.core.households.reject(c, o.claim, '不是本社区的住户')],
  ['households.withdraw', (c, o) => world.core.households.withdraw(c, o.claim)],
  ['households.removeMember', (c, o) => world.core.households.removeMember(c, o.member, '经核实已搬离')],
  ['households.setRepresentative', (c, o) => world.core.households.setRepresentative(c, o.member)],
  ['invites.cancel', (c, o) => world.core.invites.cancel(c, o.invite)],
  ['invites.qrCode', (c, o) => world.core.invites.qrCode(c, o.invite)],
  ['people.revokeRole', (c) => world.core.people.revokeRole(c, DEMO.sun, 'grid_worker')],
  ['dashboard.get (their community named)', (c) => world.core.dashboard.get(c, { from: '2026-11-01T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }, DEMO.community)],
  ['moderation.approve', (c, o) => world.core.moderation.approve(c, o.held)],
  ['moderation.reject', (c, o) => world.core.moderation.reject(c, o.held, '含有广告信息')],
  ['audit.list (their community named)', (c) => world.core.audit.list(c, { communityId: DEMO.community })],
]

const OTHER_PEOPLE: Array<[string, string]> = [
  ['staff', OTHER.staff],
  ['grid worker', OTHER.gridWorker],
  ['resident', OTHER.resident],
]

describe.each(OTHER_PEOPLE)('a %s of another community', (_label, userId) => {
  it.each(OPERATIONS)('%s on an object of 映月社区 → not found, as for an id that does not exist', async (_name, call) => {
    const caller = await world.caller(userId)
    const answer = await call(caller, objects).then(
      () => 'ok',
      (error: unknown) => (error instanceof ApiError ? error.kind : `thrown ${String(error)}`),
    )
    // The resident may be refused a staff operation first (forbidden) — as for a missing id: the
    // answer must be the one the same operation gives for an id that does not exist.
    const missing = await call(caller, { report: 'r_missing', notice: 'n_missing', claim: 'hc_missing', invite: 'inv_missing', member: 'u-missing', held: 'mq_missing' }).then(
      () => 'ok',
      (error: unknown) => (error instanceof ApiError ? error.kind : `thrown ${String(error)}`),
    )
    expect(answer).toBe(missing)
    expect(answer).not.toBe('ok')
    if (userId === OTHER.staff) expect(answer).toBe('not_found')
  })

  it('lists and counts nothing of 映月社区', async () => {
    const caller = await world.caller(userId)
    const foreign = new Set([objects.report, objects.notice, objects.claim, objects.invite])
    const seen: unknown[] = [
      await world.core.reports.listMine(caller, { limit: 50 }),
      await world.core.reports.listPublic(caller, { limit: 50 }),
      await world.core.notices.list(caller, { limit: 50 }),
      await world.core.messages.listThreads(caller),
      await world.core.households.mine(caller),
    ]
    if (userId === OTHER.staff) {
      seen.push(await world.core.handling.inbox(caller, { limit: 50 }))
      seen.push(await world.core.households.listClaims(caller))
      seen.push(await world.core.people.list(caller))
      seen.push(await world.core.sessions.community(caller))
      seen.push(await world.core.moderation.list(caller, { limit: 50 }))
      seen.push(await world.core.audit.list(caller, { limit: 50 }))
    }
    const text = JSON.stringify(seen)
    for (const id of foreign) expect(text).not.toContain(id)
    expect(text).not.toContain('映月')
    expect(text).not.toContain('王秀兰')
  })
})
