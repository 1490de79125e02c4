import { BAD_KEY } from '../../src/core/services/reports'
import { createWorld, DEMO, EMPTY, failure, OTHER, shapeOf, validReport, type World } from './support/world'

/**
 * The rules of reporting at the service level: idempotent submission, 代报, 附议, and the drift
 * cases where the adapters once answered differently (their exact messages).
 */

let world: World
beforeEach(async () => {
  world = await createWorld({ withEmptyCommunity: true })
})

const mineCount = async (userId: string) => (await world.core.reports.listMine(await world.caller(userId), { limit: 50 })).items.length

describe('idempotent submission', () => {
  it('answers the same key and body with the same report, created once', async () => {
    const wang = await world.caller(DEMO.wang)
    const key = world.key()
    const before = await mineCount(DEMO.wang)
    const first = await world.core.reports.submit(wang, validReport(), key)
    const again = await world.core.reports.submit(wang, validReport(), key)
    expect(first.created).toBe(true)
    expect(again).toEqual({ report: first.report, created: false })
    expect(await mineCount(DEMO.wang)).toBe(before + 1)
  })

  it('treats a body with its keys in another order as the same body', async () => {
    const wang = await world.caller(DEMO.wang)
    const key = world.key()
    const body = validReport()
    const first = await world.core.reports.submit(wang, body, key)
    const reordered = { anonymous: body.anonymous, location: body.location, photoIds: body.photoIds, description: body.description, categoryId: body.categoryId }
    expect((await world.core.reports.submit(wang, reordered, key)).report.id).toBe(first.report.id)
  })

  it('refuses the same key with another body as a field error on idempotencyKey', async () => {
    const wang = await world.caller(DEMO.wang)
    const key = world.key()
    await world.core.reports.submit(wang, validReport(), key)
    const error = await failure(world.core.reports.submit(wang, validReport('cat-road', { description: '另一件事：垃圾桶满了没人清' }), key))
    expect(shapeOf(error)).toEqual({
      kind: 'validation',
      message: '同一提交编号对应了不同的内容，请重新提交',
      fields: { idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' },
      malformed: false,
    })
  })

  it.each([['short'], [''], ['has spaces in it'], ['x'.repeat(101)], [42], [undefined]])('refuses the key %p as malformed', async (key) => {
    const error = await failure(world.core.reports.submit(await world.caller(DEMO.wang), validReport(), key))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: BAD_KEY, fields: { idempotencyKey: BAD_KEY }, malformed: true })
  })

  it('keeps keys apart per user', async () => {
    const key = world.key()
    const a = await world.core.reports.submit(await world.caller(DEMO.wang), validReport(), key)
    const b = await world.core.reports.submit(await world.caller(DEMO.li), validReport(), key)
    expect(b.created).toBe(true)
    expect(b.report.id).not.toBe(a.report.id)
  })

  it('does not use a key up on a refused body', async () => {
    const wang = await world.caller(DEMO.wang)
    const key = world.key()
    expect((await failure(world.core.reports.submit(wang, validReport('cat-road', { description: '短' }), key))).fields).toHaveProperty('description')
    expect((await world.core.reports.submit(wang, validReport(), key)).created).toBe(true)
  })

  it('makes exactly one report of 20 concurrent submissions under one key', async () => {
    const wang = await world.caller(DEMO.wang)
    const key = world.key()
    const before = await mineCount(DEMO.wang)
    const answers = await Promise.all(Array.from({ length: 20 }, () => world.core.reports.submit(wang, validReport(), key)))
    expect(new Set(answers.map((a) => a.report.id)).size).toBe(1)
    expect(answers.filter((a) => a.created)).toHaveLength(1)
    expect(await mineCount(DEMO.wang)).toBe(before + 1)
  })

  it('routes a resident’s report to the grid of their home, a handler’s to the first grid', async () => {
    expect(await world.file(DEMO.wang)).toMatchObject({ gridId: 'g-2', buildingId: 'b-3', status: 'submitted', reporterName: '王秀兰' })
    expect((await world.file(DEMO.zhao)).gridId).toBe('g-3')
    expect((await world.file(DEMO.zhang)).gridId).toBe('g-1')
    const number = (await world.file(OTHER.resident)).number
    expect(number).toMatch(/^LX-20261121-\d{4}$/)
  })

  it('routes a report to the grid of the building it is about, when the reporter says which (defect 3)', async () => {
    // 王秀兰 lives in 3号楼 (第二网格); the lamp is at 2号楼 (第一网格).
    const lamp = await world.file(DEMO.wang, { categoryId: 'cat-light', buildingId: 'b-2', location: { kind: 'text', address: '2号楼北门' } })
    expect(lamp).toMatchObject({ gridId: 'g-1', buildingId: 'b-2', reporterId: DEMO.wang })
    const inbox = async (userId: string) => (await world.core.handling.inbox(await world.caller(userId), { limit: 50 })).items.map((r) => r.id)
    expect(await inbox(DEMO.liu)).toContain(lamp.id) // 第一网格's worker
    expect(await inbox(DEMO.sun)).not.toContain(lamp.id) // not 第二网格's
    // Someone with no home says where, too; without it, nothing changes.
    expect(await world.file(DEMO.zhang, { buildingId: 'b-8' })).toMatchObject({ gridId: 'g-3', buildingId: 'b-8' })
    expect(await world.file(DEMO.wang, { buildingId: 'b-3' })).toMatchObject({ gridId: 'g-2', buildingId: 'b-3' })
    // The reporter still reads it as theirs, and a 代报 goes where the problem is as well.
    expect((await world.core.reports.get(await world.caller(DEMO.wang), lamp.id)).report.id).toBe(lamp.id)
    const zhou = await world.caller(DEMO.zhou)
    const filed = await world.core.reports.submitOnBehalf(
      zhou,
      validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '302' }, buildingId: 'b-8' }),
      world.key(),
    )
    expect(filed.report).toMatchObject({ gridId: 'g-3', buildingId: 'b-8', beneficiary: { buildingId: 'b-3', room: '302' } })
  })

  it.each([
    ['another community’s building', OTHER.building],
    ['a building that does not exist', 'b-nowhere'],
    ['an empty id', ''],
    ['a number', 3 as unknown as string],
  ])('refuses %s as where the problem is, on the buildingId field', async (_name, buildingId) => {
    const before = await mineCount(DEMO.wang)
    const error = await failure(world.core.reports.submit(await world.caller(DEMO.wang), validReport('cat-road', { buildingId }), world.key()))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: '请选择问题所在的楼栋', fields: { buildingId: '请选择问题所在的楼栋' }, malformed: false })
    expect(await mineCount(DEMO.wang)).toBe(before)
  })

  it('refuses an emergency category with the number to call', async () => {
    const error = await failure(world.core.reports.submit(await world.caller(DEMO.wang), validReport('cat-gas'), world.key()))
    expect(error.fields).toEqual({ categoryId: '燃气泄漏属于紧急情况，请立即拨打119' })
  })

  it('refuses a category of another community', async () => {
    const error = await failure(world.core.reports.submit(await world.caller(OTHER.resident), validReport('cat-road'), world.key()))
    expect(error.fields).toEqual({ categoryId: '问题类型不存在，请重新选择' })
  })

  it('attaches only photos the reporter uploaded', async () => {
    const wang = await world.caller(DEMO.wang)
    const li = await world.caller(DEMO.li)
    await world.core.photos.record(wang, { id: 'p_wang1', contentType: 'image/jpeg', bytes: 100 })
    await world.core.photos.record(li, { id: 'p_li1', contentType: 'image/jpeg', bytes: 100 })
    const filed = await world.core.reports.submit(wang, validReport('cat-road', { photoIds: ['p_wang1'] }), world.key())
    expect(filed.report.photos).toEqual([{ id: 'p_wang1', url: 'mem://p_wang1', bytes: 100 }])
    for (const photoIds of [['p_li1'], ['p_nope']]) {
      const error = await failure(world.core.reports.submit(wang, validReport('cat-road', { photoIds }), world.key()))
      expect(error.fields).toEqual({ photos: '照片已失效，请重新选择' })
    }
  })
})

describe('代报 (filing for a household)', () => {
  it('files for a household with a resident: the household is the reporter, the leader the filer', async () => {
    const zhou = await world.caller(DEMO.zhou)
    const { report, created } = await world.core.reports.submitOnBehalf(
      zhou,
      validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '201', name: '王阿姨', phone: '13912345678' } }),
      world.key(),
    )
    expect(created).toBe(true)
    expect(report).toMatchObject({
      reporterId: DEMO.wang,
      reporterName: '王秀兰',
      filedBy: { id: DEMO.zhou, name: '周桂芳' },
      beneficiary: { buildingId: 'b-3', room: '201', name: '王阿姨', phoneMasked: '139****5678' },
      gridId: 'g-2',
    })
    const wang = await world.caller(DEMO.wang)
    const detail = await world.core.reports.get(wang, report.id)
    expect(detail.timeline[0]).toMatchObject({ action: 'submit', actorId: DEMO.zhou, actorRole: 'building_leader', note: '代3号楼201住户反映' })
    expect((await world.core.reports.listMine(wang, { limit: 50 })).items.map((r) => r.id)).toContain(report.id)
    expect((await world.core.reports.listMine(zhou, { limit: 50 })).items.map((r) => r.id)).toContain(report.id)
  })

  it('files for a household with nobody signed up under the home itself', async () => {
    const { report } = await world.core.reports.submitOnBehalf(
      await world.caller(DEMO.zhang),
      validReport('cat-road', { onBehalfOf: { buildingId: 'b-5', room: '402' } }),
      world.key(),
    )
    expect(report).toMatchObject({ reporterId: 'home:b-5:402', reporterName: '住户', filedBy: { id: DEMO.zhang }, gridId: 'g-2', buildingId: 'b-5' })
  })

  it('lets the household rate it and not the filer', async () => {
    const { report } = await world.core.reports.submitOnBehalf(
      await world.caller(DEMO.zhou),
      validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '201' } }),
      world.key(),
    )
    await world.bring(report.id, 'resolved')
    const rating = { rating: { level: 'satisfied' as const, comment: '' } }
    expect((await failure(world.core.handling.move(await world.caller(DEMO.zhou), report.id, 'rate', rating))).kind).toBe('forbidden')
    expect((await world.core.handling.move(await world.caller(DEMO.wang), report.id, 'rate', rating)).report.status).toBe('closed')
  })

  it('answers a retried 代报 with the original; the same key for another household is refused', async () => {
    const zhou = await world.caller(DEMO.zhou)
    const key = world.key()
    const body = validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '301' } })
    const first = await world.core.reports.submitOnBehalf(zhou, body, key)
    expect(await world.core.reports.submitOnBehalf(zhou, body, key)).toEqual({ report: first.report, created: false })
    const other = validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '201' } })
    expect((await failure(world.core.reports.submitOnBehalf(zhou, other, key))).fields).toEqual({ idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' })
  })

  it('validates the household: building, room, name and phone', async () => {
    const zhang = await world.caller(DEMO.zhang)
    const file = (onBehalfOf: unknown) => failure(world.core.reports.submitOnBehalf(zhang, { ...validReport(), onBehalfOf } as never, world.key()))
    expect((await file({ buildingId: 'b-3', room: '999' })).fields).toEqual({ room: '请选择3号楼的房号' })
    expect((await file({ buildingId: 'b-nowhere', room: '101' })).fields).toEqual({ buildingId: '请选择楼栋' })
    expect((await file({ buildingId: 'b-3', room: '101', phone: '12345' })).fields).toEqual({ phone: '请填写11位手机号' })
    expect((await file(undefined)).fields).toEqual({ onBehalfOf: '请选择为哪一户代报' })
  })

  it('refuses a leader outside their buildings before the body is looked at', async () => {
    const error = await failure(
      world.core.reports.submitOnBehalf(
        await world.caller(DEMO.zhou),
        validReport('cat-road', { description: '短', onBehalfOf: { buildingId: 'b-1', room: '101' } }),
        world.key(),
      ),
    )
    expect(shapeOf(error)).toMatchObject({ kind: 'forbidden', message: '楼栋长只能为自己负责楼栋的住户代报' })
  })

  it('refuses a leader outside their buildings before a bad key too', async () => {
    const zhou = await world.caller(DEMO.zhou)
    const error = await failure(world.core.reports.submitOnBehalf(zhou, validReport('cat-road', { onBehalfOf: { buildingId: 'b-1', room: '101' } }), 'x'))
    expect(shapeOf(error)).toMatchObject({ kind: 'forbidden', message: '楼栋长只能为自己负责楼栋的住户代报' })
    // Another community's building is not known to them: the key is looked at, then the building.
    const foreign = await failure(world.core.reports.submitOnBehalf(zhou, validReport('cat-road', { onBehalfOf: { buildingId: OTHER.building, room: '101' } }), 'x'))
    expect(foreign.fields).toEqual({ idempotencyKey: BAD_KEY })
  })
})

describe('附议 (me too)', () => {
  it('counts each neighbour once', async () => {
    const report = await world.file(DEMO.wang)
    const li = await world.caller(DEMO.li)
    expect((await world.core.reports.meToo(li, report.id)).meTooCount).toBe(1)
    expect((await world.core.reports.meToo(li, report.id)).meTooCount).toBe(1)
    expect((await world.core.reports.meToo(await world.caller(DEMO.chen), report.id)).meTooCount).toBe(2)
    expect((await world.stored(report.id)).meTooCount).toBe(2)
  })

  it('refuses one’s own report, a finished one and another community’s', async () => {
    const own = await world.file(DEMO.wang)
    const wang = await world.caller(DEMO.wang)
    expect(shapeOf(await failure(world.core.reports.meToo(wang, own.id)))).toMatchObject({ kind: 'conflict', message: '这是您自己提交的诉求' })
    const finished = await world.file(DEMO.li)
    await world.core.handling.move(await world.caller(DEMO.zhang), finished.id, 'reject', { reason: '不属于本社区管辖' })
    expect(shapeOf(await failure(world.core.reports.meToo(wang, finished.id)))).toMatchObject({ kind: 'conflict', message: '该诉求已结束，无法附议' })
    const foreign = await world.file(OTHER.resident)
    expect(shapeOf(await failure(world.core.reports.meToo(wang, foreign.id)))).toMatchObject({ kind: 'not_found', message: '诉求不存在' })
  })

  it('counts a 代报 report as the household’s own', async () => {
    const { report } = await world.core.reports.submitOnBehalf(
      await world.caller(DEMO.zhou),
      validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '201' } }),
      world.key(),
    )
    expect((await failure(world.core.reports.meToo(await world.caller(DEMO.wang), report.id))).kind).toBe('conflict')
  })

  it('does not count the filer of a 代报 report as a second voice', async () => {
    const zhou = await world.caller(DEMO.zhou)
    const { report } = await world.core.reports.submitOnBehalf(zhou, validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '302' } }), world.key())
    expect(shapeOf(await failure(world.core.reports.meToo(zhou, report.id)))).toMatchObject({ kind: 'conflict', message: '这是您自己提交的诉求' })
    expect((await world.stored(report.id)).meTooCount).toBe(0)
  })

  it('lists open reports publicly with the reporter masked or anonymous', async () => {
    const named = await world.file(DEMO.wang)
    const hidden = await world.file(DEMO.wang, { anonymous: true })
    const items = (await world.core.reports.listPublic(await world.caller(DEMO.li), { limit: 50 })).items
    expect(items.find((i) => i.id === named.id)?.reporterName).toBe('王**')
    expect(items.find((i) => i.id === hidden.id)?.reporterName).toBe('匿名居民')
    expect(items.every((i) => !['closed', 'rejected', 'merged'].includes(i.status))).toBe(true)
  })
})

describe('drift cases: one answer on every adapter', () => {
  it('(1) refuses onBehalfOf on the plain submit', async () => {
    const error = await failure(
      world.core.reports.submit(await world.caller(DEMO.zhou), validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '301' } }), world.key()),
    )
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: '代报请使用“代邻居反映”', fields: { onBehalfOf: '代报请使用“代邻居反映”' }, malformed: false })
  })

  it('(5) refuses a submission in a community with no grid as not_supported', async () => {
    const resident = await world.caller(EMPTY.resident)
    const error = await failure(world.core.reports.submit(resident, validReport(EMPTY.category), world.key()))
    expect(shapeOf(error)).toEqual({ kind: 'not_supported', message: '社区尚未划分网格，暂不能提交诉求', fields: {}, malformed: false })
    expect((await world.core.reports.listMine(resident)).items).toEqual([])
  })

  it('(6) refuses 代报 by a resident with a bad key as forbidden, not validation', async () => {
    const error = await failure(
      world.core.reports.submitOnBehalf(await world.caller(DEMO.wang), validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '301' } }), 'bad'),
    )
    expect(shapeOf(error)).toEqual({ kind: 'forbidden', message: '只有楼栋长和社区工作者可以代报', fields: {}, malformed: false })
  })
})
