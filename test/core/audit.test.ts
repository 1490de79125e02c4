import type { AuditEvent } from '../../types/domain'
import { createWorld, DEMO, failure, OTHER, type World } from './support/world'

/**
 * The audit log in the core (issue 13), on the memory store: each staff action that matters to
 * residents writes one event in the action's own transaction — report moves by handlers, hidden
 * contributions, paper ballots, role changes (moderation decisions: moderation.test.ts) — and a
 * refused action none; staff and admins read their community's log, a street officer a community of
 * their street; filters and pages; nothing changes or removes an event.
 */

const HANDRAIL = '3号楼楼道加装扶手'
const c = (w: World) => w.core.consultation

/** The events about one subject, newest first. */
async function about(w: World, kind: AuditEvent['subject']['kind'], id: string): Promise<AuditEvent[]> {
  return (await w.core.audit.list(await w.caller(DEMO.zhang), { subjectKind: kind, subjectId: id, limit: 50 })).items
}

describe('what the log records', () => {
  let w: World
  beforeAll(async () => {
    w = await createWorld()
  })

  it('each handler move on a report, once: who in which role, the statuses, whom it concerns; the resident’s rating is not a staff action', async () => {
    const report = await w.file(DEMO.wang)
    const zhang = await w.caller(DEMO.zhang)
    const sun = await w.caller(DEMO.sun)
    await w.core.handling.move(zhang, report.id, 'accept', {})
    await w.core.handling.move(zhang, report.id, 'assign', { assignee: { kind: 'user', id: DEMO.sun }, note: '请孙丽处理' })
    await w.core.handling.move(sun, report.id, 'resolve', { note: '已修好' })
    await w.core.handling.move(await w.caller(DEMO.wang), report.id, 'rate', { rating: { level: 'satisfied', comment: '' } })
    const events = await about(w, 'report', report.id)
    expect(events.map((e) => [e.action, e.actor.id, e.actor.role, e.details.from, e.details.to])).toEqual([
      ['report.resolve', DEMO.sun, 'grid_worker', 'in_progress', 'resolved'],
      ['report.assign', DEMO.zhang, 'staff', 'accepted', 'in_progress'],
      ['report.accept', DEMO.zhang, 'staff', 'submitted', 'accepted'],
    ])
    expect(events[1]).toMatchObject({
      communityId: DEMO.community,
      actor: { name: '张敏' },
      subject: { kind: 'report', id: report.id },
      concerns: { id: DEMO.wang, name: '王秀兰' },
      note: '请孙丽处理',
      details: { assigneeKind: 'user', assigneeId: DEMO.sun },
    })
  })

  it('a rejection with its reason; a refused move nothing', async () => {
    const report = await w.file(DEMO.li)
    const zhang = await w.caller(DEMO.zhang)
    expect((await failure(w.core.handling.move(zhang, report.id, 'resolve', { note: '已处理' }))).kind).toBe('conflict')
    expect(await about(w, 'report', report.id)).toEqual([])
    await w.core.handling.move(zhang, report.id, 'reject', { reason: '不属于本社区管辖范围' })
    expect((await about(w, 'report', report.id)).map((e) => [e.action, e.note])).toEqual([['report.reject', '不属于本社区管辖范围']])
  })

  it('a 代报 report’s move for a household nobody has an account in concerns no one', async () => {
    const filed = await w.core.reports.submitOnBehalf(
      await w.caller(DEMO.zhou),
      { categoryId: 'cat-road', description: '3号楼301门口的台阶破损', photoIds: [], location: { kind: 'text', address: '3号楼301门口' }, anonymous: false, onBehalfOf: { buildingId: 'b-3', room: '301' } },
      w.key(),
    )
    await w.core.handling.move(await w.caller(DEMO.zhang), filed.report.id, 'accept', {})
    const [event] = await about(w, 'report', filed.report.id)
    expect(event.action).toBe('report.accept')
    expect(event.concerns).toBeUndefined()
  })

  it('a hidden contribution, with the reason and its author', async () => {
    const proposal = (await w.store.proposals.list({ communityId: DEMO.community }, null, 50)).find((p) => p.title === HANDRAIL)!
    const said = await c(w).contribute(await w.caller(DEMO.li), { kind: 'proposal', id: proposal.id }, { body: '楼上的人真是多管闲事', stance: 'against' }, { idempotencyKey: w.key() })
    expect(await about(w, 'contribution', said.id)).toEqual([])
    await c(w).hideContribution(await w.caller(DEMO.zhang), said.id, '含有人身攻击')
    expect(await about(w, 'contribution', said.id)).toEqual([
      expect.objectContaining({ action: 'contribution.hide', actor: expect.objectContaining({ id: DEMO.zhang }), concerns: { id: DEMO.li, name: '李明' }, note: '含有人身攻击', details: { discussion: `proposal:${proposal.id}` } }),
    ])
    // Refused (hidden already): no second event.
    await failure(c(w).hideContribution(await w.caller(DEMO.zhang), said.id, '再次隐藏'))
    expect(await about(w, 'contribution', said.id)).toHaveLength(1)
  })

  it('a paper ballot with the household and who entered it — never its choice', async () => {
    const proposal = (await w.store.proposals.list({ communityId: DEMO.community }, null, 50)).find((p) => p.title === HANDRAIL)!
    const vote = (await w.store.votes.list(DEMO.community, null, 50)).find((v) => v.proposalId === proposal.id)!
    await c(w).enterPaperBallot(await w.caller(DEMO.zhang), vote.id, { buildingId: 'b-3', room: '202', optionId: 'o2', note: '林淑珍本人交回' })
    const events = await about(w, 'vote', vote.id)
    expect(events).toEqual([expect.objectContaining({ action: 'vote.paper_ballot', actor: expect.objectContaining({ id: DEMO.zhang, role: 'staff' }), details: { buildingId: 'b-3', room: '202' } })])
    expect(JSON.stringify(events)).not.toContain('o2')
    // The household had voted already: refused, and no event.
    await failure(c(w).enterPaperBallot(await w.caller(DEMO.zhang), vote.id, { buildingId: 'b-3', room: '202', optionId: 'o1', note: '其子代交' }))
    expect(await about(w, 'vote', vote.id)).toHaveLength(1)
  })

  it('a role given by invitation (by who issued it) and a role taken away', async () => {
    const he = await w.caller(DEMO.he)
    const invite = await w.core.invites.create(he, { role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '新网格员', expiresInHours: 24 })
    await w.core.invites.redeem(await w.caller('u-xin'), invite.code)
    await w.core.people.revokeRole(he, 'u-xin', 'grid_worker')
    expect((await about(w, 'user', 'u-xin')).map((e) => [e.action, e.actor.id, e.actor.role, e.details])).toEqual([
      ['role.revoke', DEMO.he, 'admin', { role: 'grid_worker' }],
      ['role.grant', DEMO.he, 'admin', { role: 'grid_worker', invite: invite.id }],
    ])
  })
})

describe('who reads the log, and how', () => {
  let w: World
  beforeAll(async () => {
    w = await createWorld()
    for (let i = 0; i < 3; i++) await w.core.handling.move(await w.caller(DEMO.zhang), (await w.file(DEMO.wang)).id, 'accept', {})
  })

  it.each([
    ['a resident', DEMO.wang],
    ['a building leader', DEMO.zhou],
    ['a grid worker', DEMO.sun],
  ])('refuses %s', async (_who, userId) => {
    expect(await failure(w.core.audit.list(await w.caller(userId)))).toMatchObject({ kind: 'forbidden', message: '只有社区工作者、管理员和街道工作人员可以查看操作记录' })
  })

  it('gives staff and admins their community’s log, and another community not found', async () => {
    for (const who of [DEMO.zhang, DEMO.he]) {
      const page = await w.core.audit.list(await w.caller(who), { limit: 50 })
      expect(page.items.length).toBeGreaterThanOrEqual(3)
      expect(page.items.every((e) => e.communityId === DEMO.community)).toBe(true)
      expect((await failure(w.core.audit.list(await w.caller(who), { communityId: OTHER.community }))).kind).toBe('not_found')
    }
    // Another community's staff read theirs, which holds none of these.
    const theirs = await w.core.audit.list(await w.caller(OTHER.staff), { limit: 50 })
    expect(theirs.items.every((e) => e.communityId === OTHER.community)).toBe(true)
  })

  it('gives a street officer a community of their street, named; another street’s is not found', async () => {
    const officer = await w.caller('u-street')
    expect((await failure(w.core.audit.list(officer))).fields).toEqual({ communityId: '请选择要查看的社区' })
    const page = await w.core.audit.list(officer, { communityId: DEMO.community, action: 'report.accept', limit: 50 })
    expect(page.items.length).toBeGreaterThanOrEqual(3)
    expect(page.items.every((e) => e.action === 'report.accept' && e.communityId === DEMO.community)).toBe(true)
    expect((await failure(w.core.audit.list(officer, { communityId: OTHER.community }))).kind).toBe('not_found')
  })

  it('pages newest first without gaps or repeats', async () => {
    const zhang = await w.caller(DEMO.zhang)
    const all = (await w.core.audit.list(zhang, { limit: 50 })).items
    const seen: AuditEvent[] = []
    let cursor: string | undefined
    do {
      const page = await w.core.audit.list(zhang, { limit: 2, cursor })
      seen.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id))
    const ats = seen.map((e) => e.at)
    expect([...ats].sort().reverse()).toEqual(ats)
  })

  it('refuses a filter it does not know as a malformed request', async () => {
    const zhang = await w.caller(DEMO.zhang)
    expect(await failure(w.core.audit.list(zhang, { action: 'report.delete' as never }))).toMatchObject({ kind: 'validation', malformed: true, fields: { action: '操作类型无效' } })
    expect(await failure(w.core.audit.list(zhang, { subjectKind: 'household' as never }))).toMatchObject({ malformed: true, fields: { subjectKind: '对象类型无效' } })
    expect(await failure(w.core.audit.list(zhang, { cursor: 'nonsense' }))).toMatchObject({ malformed: true })
  })

  it('has no way to change or remove an event: the port inserts and reads', () => {
    expect(Object.keys(w.store.audit).sort()).toEqual(['insert', 'list'])
  })
})
