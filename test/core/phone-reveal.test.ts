import { REASON_REQUIRED, REASON_UNKNOWN } from '../../src/domain/phone-reveal'
import type { AuditEvent } from '../../types/domain'
import { createWorld, DEMO, failure, type World } from './support/world'

/**
 * A handler revealing the full number of whom to call (issue 13): each reveal is one `phone.reveal`
 * event in the audit log — who (the handler and their role), whose (the person called), when, why
 * (the reason chosen, the handler's own note) — and a refused reveal records nothing.
 */

let world: World
beforeAll(async () => {
  world = await createWorld()
})

async function reveals(reportId: string): Promise<AuditEvent[]> {
  const page = await world.core.audit.list(await world.caller(DEMO.zhang), { action: 'phone.reveal', subjectKind: 'report', subjectId: reportId, limit: 50 })
  return page.items
}

describe('a reveal of the full number', () => {
  it('is recorded: who, whose, when and why', async () => {
    const report = await world.file(DEMO.wang)
    const sun = await world.caller(DEMO.sun) // the grid worker of the report's grid
    const before = world.clock.now().toISOString()
    expect(await world.core.handling.reporterPhone(sun, report.id, { reason: 'before_visit', note: '  明早九点上门  ' })).toMatchObject({ phone: '13800000001' })
    const [event, ...rest] = await reveals(report.id)
    expect(rest).toEqual([])
    expect(event).toMatchObject({
      action: 'phone.reveal',
      actor: { id: DEMO.sun, role: 'grid_worker' },
      subject: { kind: 'report', id: report.id },
      concerns: { id: DEMO.wang, name: '王秀兰' },
      note: '上门前联系：明早九点上门',
      details: { reason: 'before_visit', relation: 'reporter' },
      communityId: DEMO.community,
    })
    expect(event.at > before).toBe(true)
    // The log never holds the number itself.
    expect(JSON.stringify(event)).not.toContain('13800000001')
  })

  it('is recorded each time (two reveals, two events, the newest first)', async () => {
    const report = await world.file(DEMO.wang)
    const zhang = await world.caller(DEMO.zhang)
    await world.core.handling.reporterPhone(zhang, report.id, { reason: 'follow_up' })
    await world.core.handling.reporterPhone(zhang, report.id, { reason: 'emergency' })
    expect((await reveals(report.id)).map((e) => [e.actor.id, e.note, e.details.reason])).toEqual([
      [DEMO.zhang, '紧急情况', 'emergency'],
      [DEMO.zhang, '回访核实', 'follow_up'],
    ])
  })

  it('needs a reason of the list: missing or unknown is a 422 per field, and nothing is recorded', async () => {
    const report = await world.file(DEMO.wang)
    const zhang = await world.caller(DEMO.zhang)
    for (const [input, message] of [
      [undefined, REASON_REQUIRED],
      [{}, REASON_REQUIRED],
      [{ reason: '' }, REASON_REQUIRED],
      [{ reason: 'curious' }, REASON_UNKNOWN],
      [{ reason: 42 }, REASON_UNKNOWN],
    ] as const) {
      const error = await failure(world.core.handling.reporterPhone(zhang, report.id, input))
      expect({ kind: error.kind, fields: error.fields }).toEqual({ kind: 'validation', fields: { reason: message } })
    }
    const long = await failure(world.core.handling.reporterPhone(zhang, report.id, { reason: 'follow_up', note: '长'.repeat(101) }))
    expect(long.fields).toEqual({ note: '备注不能超过100个字' })
    expect(await reveals(report.id)).toEqual([])
  })

  it('is forbidden to a reader who does not handle the report, before its reason is looked at, and records nothing', async () => {
    const report = await world.file(DEMO.wang)
    const wang = await world.caller(DEMO.wang)
    expect((await failure(world.core.handling.reporterPhone(wang, report.id, { reason: 'follow_up' }))).kind).toBe('forbidden')
    expect((await failure(world.core.handling.reporterPhone(wang, report.id, {}))).kind).toBe('forbidden')
    // A resident of the community who cannot read the report: not found.
    expect((await failure(world.core.handling.reporterPhone(await world.caller(DEMO.li), report.id, { reason: 'follow_up' }))).kind).toBe('not_found')
    expect(await reveals(report.id)).toEqual([])
  })

  it('of a 代报 household nobody registered is the filer’s number: it concerns the filer', async () => {
    const zhou = await world.caller(DEMO.zhou)
    const filed = await world.core.reports.submitOnBehalf(
      zhou,
      { categoryId: 'cat-road', description: '楼道里的台阶坏了，老人上下楼不方便', photoIds: [], location: { kind: 'text', address: '3号楼楼道里' }, anonymous: false, onBehalfOf: { buildingId: 'b-3', room: '402', name: '孙大爷', phone: '13912345678' } },
      world.key(),
    )
    await world.core.handling.reporterPhone(await world.caller(DEMO.zhang), filed.report.id, { reason: 'follow_up' })
    const [event] = await reveals(filed.report.id)
    expect(event).toMatchObject({ concerns: { id: DEMO.zhou }, details: { reason: 'follow_up', relation: 'filer' } })
  })
})
