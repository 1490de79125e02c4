import { createWorld, DEMO, failure, validReport, type World } from './support/world'

/**
 * The notifier: after a committed move that changes a report's status, the people who follow the
 * report are told — never the one who moved it; internal steps tell nobody; a failing notifier
 * never undoes or fails the move.
 */

let world: World
beforeEach(async () => {
  world = await createWorld()
})

const recipients = () => world.notifier.changes.map((c) => c.recipient.userId)
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** A 代报 report 周桂芳 filed for 王秀兰's household: followed by both. */
async function assisted() {
  const { report } = await world.core.reports.submitOnBehalf(
    await world.caller(DEMO.zhou),
    validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '201' } }),
    world.key(),
  )
  return report
}

describe('who is told', () => {
  it('tells the reporter of a status change, with what changed', async () => {
    const report = await world.file(DEMO.wang)
    world.notifier.changes.length = 0
    const detail = await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'accept', { note: '已受理，马上安排' })
    const event = detail.timeline[detail.timeline.length - 1]
    expect(world.notifier.changes).toEqual([
      {
        recipient: { userId: DEMO.wang },
        report: { id: report.id, number: report.number, categoryName: '道路破损', description: report.description },
        move: 'accept',
        from: 'submitted',
        to: 'accepted',
        at: event.at,
        note: '已受理，马上安排',
      },
    ])
  })

  it('tells the household and the filer of a 代报 report, except whoever moved it', async () => {
    const report = await assisted()
    await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'accept', {})
    expect(recipients()).toEqual([DEMO.wang, DEMO.zhou])
    await world.bring(report.id, 'resolved')
    world.notifier.changes.length = 0
    await world.core.handling.move(await world.caller(DEMO.wang), report.id, 'rate', { rating: { level: 'satisfied', comment: '' } })
    expect(world.notifier.changes).toMatchObject([{ recipient: { userId: DEMO.zhou }, move: 'rate', from: 'resolved', to: 'closed', note: '满意' }])
  })

  it('tells nobody when the mover is the only follower', async () => {
    const report = await world.file(DEMO.zhang)
    await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'accept', {})
    expect(world.notifier.changes).toEqual([])
  })

  it('tells nobody of an internal step (督办) or a step that keeps the status', async () => {
    const report = await world.bring((await assisted()).id, 'accepted')
    world.notifier.changes.length = 0
    await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'escalate', { note: '请加快处理' })
    await world.core.handling.move(await world.caller(DEMO.sun), report.id, 'progress', { note: '已上门查看' })
    expect(world.notifier.changes).toEqual([])
  })

  it('tells nobody of a refused move', async () => {
    const report = await world.file(DEMO.wang)
    await failure(world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'resolve', { note: '已处理' }))
    await failure(world.core.handling.move(await world.caller(DEMO.liu), report.id, 'accept', {}))
    expect(world.notifier.changes).toEqual([])
  })
})

describe('a failing notifier', () => {
  it.each([['throw' as const], ['reject' as const]])('does not fail the move when it fails (%s), and the failure is logged', async (how) => {
    const report = await assisted()
    world.notifier.fail = how
    const detail = await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'accept', {})
    expect(detail.report.status).toBe('accepted')
    expect((await world.stored(report.id)).status).toBe('accepted')
    await settle()
    expect(world.log.warnings.map((w) => [w.message, w.details.userId])).toEqual([
      ['notify: the notifier failed (the move stands)', DEMO.wang],
      ['notify: the notifier failed (the move stands)', DEMO.zhou],
    ])
    world.notifier.fail = 'no'
    await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'assign', { assignee: { kind: 'user', id: DEMO.sun } })
    expect(recipients()).toEqual([DEMO.wang, DEMO.zhou])
  })
})
