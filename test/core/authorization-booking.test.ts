import type { Caller } from '../../src/core/context'
import { BookingService } from '../../src/core/services/booking'
import type { BookingRecord, ServiceRecord } from '../../src/core/ports'
import { expectCell, type Cell } from './support/matrix'
import { createWorld, DEMO, outcomeOf, type Outcome, type World } from './support/world'

/**
 * The service-level authorization matrix of service booking (issue 12): every method of
 * BookingService × the people it distinguishes — a verified resident of a tagged household
 * (王秀兰, 3号楼201, 高龄), a verified resident of an untagged one (陈建国, 1号楼102), an unverified
 * member (the newcomer after joining), the leader of 3号楼 (周桂芳, 3号楼101, 高龄), a grid worker
 * (孙丽), staff (张敏), and a resident and staff of another community (春晖社区's 林美华 and 高峰) —
 * as the outcome's kind, with the message a refusal shows. Each cell runs in a fresh world.
 */

const ROLES = ['resident', 'ineligible', 'unverified', 'leader', 'grid', 'staff', 'otherResident', 'otherStaff'] as const
type Role = (typeof ROLES)[number]
const PERSON: Record<Role, string> = {
  resident: DEMO.wang,
  ineligible: DEMO.chen,
  unverified: 'u-xin',
  leader: DEMO.zhou,
  grid: DEMO.sun,
  staff: DEMO.zhang,
  otherResident: 'ch-u-lin',
  otherStaff: 'ch-u-gao',
}
const CHUNHUI = 'c-chunhui'
const NOT_VERIFIED = '完成房屋认证后才能预约，请先在“我的”中认证房屋'
const BOOKING_404 = '预约不存在或您无权查看'
const SERVICE_404 = '服务不存在或已下线'

type Expected = Record<Role, Cell>
const all = (cell: Cell): Expected => Object.fromEntries(ROLES.map((r) => [r, cell])) as Expected
const only = (named: Partial<Expected>, rest: Cell): Expected => ({ ...all(rest), ...named })

/** What the demo seed made (src/domain/demo-booking.ts), and the next free slots of two services. */
interface Seeded {
  legal: ServiceRecord
  homeVisit: ServiceRecord
  errand: ServiceRecord
  /** 王秀兰's coming 政务代办 booking (confirmed) and her past 法律咨询 (done and rated). */
  wangNext: BookingRecord
  wangDone: BookingRecord
  legalSlot: string
  homeVisitSlot: string
  errandOther: string
}

async function seeded(world: World): Promise<Seeded> {
  const services = await world.store.services.list(DEMO.community)
  const by = (kind: string) => services.find((s) => s.kind === kind)!
  const [legal, homeVisit, errand] = [by('legal'), by('home_visit'), by('errand')]
  const now = world.clock.peek().toISOString()
  const upcoming = await world.store.bookings.listUpcoming(DEMO.wang, now, 10)
  const past = await world.store.bookings.listPast(DEMO.wang, now, null, 10)
  const staff = await world.caller(DEMO.zhang)
  const free = async (s: ServiceRecord, skip?: string) => {
    const days = await world.core.bookings.listSlots(staff, s.id, { from: '2026-11-23', to: '2026-12-04' })
    return days.flatMap((d) => d.slots).find((x) => x.bookable && x.seatsLeft > 0 && x.waitlist === 0 && x.startsAt !== skip && Date.parse(x.startsAt) > Date.parse(now) + 2 * 86_400_000)!.startsAt
  }
  const wangNext = upcoming.find((b) => b.serviceId === errand.id)!
  return {
    legal,
    homeVisit,
    errand,
    wangNext,
    wangDone: past.find((b) => b.serviceId === legal.id)!,
    legalSlot: await free(legal),
    homeVisitSlot: await free(homeVisit),
    errandOther: await free(errand, wangNext.startsAt),
  }
}

interface Cx {
  world: World
  s: Seeded
  caller: Caller
  role: Role
  made: Record<string, string>
}

interface Row {
  name: string
  expected: Expected
  setup?(world: World, s: Seeded): Promise<Record<string, string>>
  call(cx: Cx): Promise<unknown>
  check?(result: never, cx: Cx): void | Promise<void>
}

const b = (world: World) => world.core.bookings
const ANSWERS = { purpose: '咨询遗产继承', phone: '13800000009', need: '上门理发' }

/** Staff anywhere, each in their own community. */
const ANY_STAFF = (message: string): Expected => only({ staff: 'ok', otherStaff: 'ok' }, ['forbidden', message])
/** The community's people see it; another community's do not find it. */
const COMMUNITY = (message: string): Expected => only({ otherStaff: ['not_found', message], otherResident: ['not_found', message] }, 'ok')
/** 王秀兰's booking: hers and her community staff's; nobody else finds it. */
const WANG_AND_STAFF = only({ resident: 'ok', staff: 'ok' }, ['not_found', BOOKING_404])
/** A step staff take on 王秀兰's booking: she sees it but may not; nobody else finds it. */
const STAFF_STEP = only({ resident: ['forbidden', '只有社区工作者可以办理预约'], staff: 'ok' }, ['not_found', BOOKING_404])

/** A pending 助老上门服务 booking of 王秀兰's (the service asks staff to confirm). */
const pendingVisit = async (world: World, s: Seeded) => ({
  pending: (await b(world).book(await world.caller(DEMO.wang), { serviceId: s.homeVisit.id, startsAt: s.homeVisitSlot, answers: ANSWERS }, { idempotencyKey: world.key() })).id,
})

const ROWS: Row[] = [
  {
    name: 'list',
    expected: all('ok'),
    call: ({ world, caller }) => b(world).list(caller),
    check: (r: Array<{ communityId: string }>, { role }) => {
      expect(r.every((x) => x.communityId === (role.startsWith('other') ? CHUNHUI : DEMO.community))).toBe(true)
      expect(r.length).toBe(role.startsWith('other') ? 0 : 5)
    },
  },
  {
    name: 'get',
    expected: COMMUNITY(SERVICE_404),
    call: ({ world, caller, s }) => b(world).get(caller, s.homeVisit.id),
    check: (r: { myEligibility?: { eligible: boolean; reason?: string } }, { role }) =>
      expect(r.myEligibility).toEqual(
        role === 'resident' || role === 'leader'
          ? { eligible: true }
          : role === 'ineligible'
            ? { eligible: false, reason: '此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记' }
            : { eligible: false, reason: NOT_VERIFIED },
      ),
  },
  {
    name: 'listSlots',
    expected: COMMUNITY(SERVICE_404),
    call: ({ world, caller, s }) => b(world).listSlots(caller, s.legal.id, { from: '2026-11-26', to: '2026-11-26' }),
    check: (r: Array<{ slots: unknown[] }>) => expect(r[0].slots).toHaveLength(3),
  },
  {
    name: 'book (for everyone)',
    expected: only({ resident: 'ok', ineligible: 'ok', leader: 'ok', otherResident: ['not_found', SERVICE_404] }, ['forbidden', NOT_VERIFIED]),
    call: ({ world, caller, s }) => b(world).book(caller, { serviceId: s.legal.id, startsAt: s.legalSlot, answers: ANSWERS }, { idempotencyKey: world.key() }),
    check: (r: { status: string; person: { id: string } }, { role }) => expect(r).toMatchObject({ status: 'confirmed', person: { id: PERSON[role] } }),
  },
  {
    name: 'book (高龄 and 残疾 households only)',
    expected: only(
      { resident: 'ok', leader: 'ok', ineligible: ['forbidden', '此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记'], otherResident: ['not_found', SERVICE_404] },
      ['forbidden', NOT_VERIFIED],
    ),
    call: ({ world, caller, s }) => b(world).book(caller, { serviceId: s.homeVisit.id, startsAt: s.homeVisitSlot, answers: ANSWERS }, { idempotencyKey: world.key() }),
    check: (r: { status: string }) => expect(r.status).toBe('pending'),
  },
  {
    // 陈建国 naming himself books for himself.
    name: 'book (代约, for 陈建国)',
    expected: only({ staff: 'ok', ineligible: 'ok', otherStaff: ['validation', '请选择本社区的居民'] }, ['forbidden', '只有社区工作者可以代居民预约']),
    call: ({ world, caller, s }) => b(world).book(caller, { serviceId: s.legal.id, startsAt: s.legalSlot, answers: ANSWERS, forUserId: DEMO.chen }, { idempotencyKey: world.key() }),
    check: (r: { person: { id: string }; bookedBy?: { id: string } }, { role }) => {
      expect(r.person.id).toBe(DEMO.chen)
      expect(r.bookedBy?.id).toBe(role === 'staff' ? DEMO.zhang : undefined)
    },
  },
  { name: 'booking', expected: WANG_AND_STAFF, call: ({ world, caller, s }) => b(world).booking(caller, s.wangNext.id) },
  {
    name: 'mine',
    expected: all('ok'),
    call: ({ world, caller }) => b(world).mine(caller),
    check: (r: { upcoming: Array<{ person: { id: string } }> }, { role }) => expect(r.upcoming.every((x) => x.person.id === PERSON[role])).toBe(true),
  },
  {
    name: 'listPast',
    expected: all('ok'),
    call: ({ world, caller }) => b(world).listPast(caller),
    check: (r: { items: Array<{ person: { id: string } }> }, { role }) => {
      expect(r.items.every((x) => x.person.id === PERSON[role])).toBe(true)
      expect(r.items.length > 0).toBe(role === 'resident')
    },
  },
  { name: 'cancel', expected: WANG_AND_STAFF, call: ({ world, caller, s }) => b(world).cancel(caller, s.wangNext.id, { reason: '家里临时有事' }) },
  { name: 'reschedule', expected: WANG_AND_STAFF, call: ({ world, caller, s }) => b(world).reschedule(caller, s.wangNext.id, { startsAt: s.errandOther }) },
  {
    name: 'rate',
    expected: only({ resident: ['conflict', '您已评价过这次服务'], staff: ['forbidden', '只有预约人可以评价'] }, ['not_found', BOOKING_404]),
    call: ({ world, caller, s }) => b(world).rate(caller, s.wangDone.id, { stars: 4, comment: '' }),
  },
  {
    name: 'create',
    expected: ANY_STAFF('只有社区工作者可以发布服务'),
    call: async ({ world, caller, s }) => {
      const { id: _id, communityId: _c, createdAt: _a, createdById: _b, updatedAt: _u, ...input } = s.legal
      return b(world).create(caller, { ...input, name: '心理咨询' }, { idempotencyKey: world.key() })
    },
    check: (r: { communityId: string }, { role }) => expect(r.communityId).toBe(role === 'otherStaff' ? CHUNHUI : DEMO.community),
  },
  {
    name: 'update',
    expected: only({ staff: 'ok', otherStaff: ['not_found', SERVICE_404], otherResident: ['not_found', SERVICE_404] }, ['forbidden', '只有社区工作者可以修改服务']),
    call: async ({ world, caller, s }) => {
      const { id: _id, communityId: _c, createdAt: _a, createdById: _b, updatedAt: _u, ...input } = s.legal
      return b(world).update(caller, s.legal.id, { ...input, capacity: 4 })
    },
    check: (r: { capacity: number }) => expect(r.capacity).toBe(4),
  },
  {
    name: 'day',
    expected: only({ staff: 'ok', otherStaff: ['not_found', SERVICE_404], otherResident: ['not_found', SERVICE_404] }, ['forbidden', '只有社区工作者可以查看预约名单']),
    call: ({ world, caller, s }) => b(world).day(caller, s.legal.id, '2026-11-26'),
  },
  { name: 'listPending', expected: ANY_STAFF('只有社区工作者可以确认预约'), call: ({ world, caller }) => b(world).listPending(caller) },
  { name: 'confirm', expected: STAFF_STEP, setup: pendingVisit, call: ({ world, caller, made }) => b(world).confirm(caller, made.pending) },
  { name: 'reject', expected: STAFF_STEP, setup: pendingVisit, call: ({ world, caller, made }) => b(world).reject(caller, made.pending, { reason: '志愿者当天不足' }) },
  {
    name: 'checkIn',
    expected: only({ staff: 'ok', otherStaff: ['not_found', BOOKING_404] }, ['forbidden', '只有社区工作者可以签到']),
    setup: async (world, s) => {
      world.clock.set(Date.parse(s.wangNext.startsAt) - 10 * 60_000)
      return {}
    },
    call: ({ world, caller, s }) => b(world).checkIn(caller, { code: `linli:checkin:${s.wangNext.id}:${s.wangNext.checkInCode}` }),
  },
  {
    name: 'complete',
    expected: STAFF_STEP,
    setup: async (world, s) => {
      world.clock.set(Date.parse(s.wangNext.startsAt))
      await b(world).checkIn(await world.caller(DEMO.zhang), { code: s.wangNext.checkInCode!, serviceId: s.errand.id })
      return {}
    },
    call: ({ world, caller, s }) => b(world).complete(caller, s.wangNext.id),
  },
  {
    name: 'markNoShow',
    expected: STAFF_STEP,
    setup: async (world, s) => {
      world.clock.set(Date.parse(s.wangNext.startsAt) + 5 * 60_000)
      return {}
    },
    call: ({ world, caller, s }) => b(world).markNoShow(caller, s.wangNext.id),
  },
  {
    name: 'household',
    expected: only({ staff: 'ok', otherStaff: ['validation', '请选择本社区的楼栋'] }, ['forbidden', '只有社区工作者可以查看住户']),
    call: ({ world, caller }) => b(world).household(caller, 'b-3', '201'),
    check: (r: { buildingName: string; members: Array<{ userId: string; name: string }>; tags: string[] }) =>
      expect([r.buildingName, r.members.map((m) => [m.userId, m.name]), r.tags]).toEqual(['3号楼', [[DEMO.wang, '王秀兰']], ['elderly', 'low_income']]),
  },
  {
    name: 'setHouseholdTags',
    expected: only({ staff: 'ok', otherStaff: ['validation', '请选择本社区的楼栋'] }, ['forbidden', '只有社区工作者可以登记住户类别']),
    call: ({ world, caller }) => b(world).setHouseholdTags(caller, { buildingId: 'b-3', room: '302', tags: ['disabled'] }),
  },
  {
    name: 'exportTable',
    expected: ANY_STAFF('只有社区工作者可以导出预约'),
    call: ({ world, caller }) => b(world).exportTable(caller, { period: '2026-11' }),
    check: (r: { rows: unknown[] }, { role }) => expect(r.rows.length > 0).toBe(role === 'staff'),
  },
]

/** Every ServicesApi method (the core's names) appears in some row. */
const METHODS = [
  'list', 'get', 'listSlots', 'book', 'booking', 'mine', 'listPast', 'cancel', 'reschedule', 'rate',
  'create', 'update', 'day', 'listPending', 'confirm', 'reject', 'checkIn', 'complete', 'markNoShow', 'household', 'setHouseholdTags', 'exportTable',
]

async function callerAs(world: World, role: Role): Promise<Caller> {
  if (role === 'unverified') await world.core.communities.join(await world.caller(PERSON.unverified), DEMO.community)
  return world.caller(PERSON[role])
}

const cells = ROWS.flatMap((row) => ROLES.map((role) => [row.name, role, row.expected[role], row] as [string, Role, Cell, Row]))

describe('the booking matrix: method × role', () => {
  it('has a row for every method of BookingService', () => {
    const service = new BookingService({} as never, { now: () => new Date(), newId: () => 'x', newToken: () => 't', hashToken: (t) => t }, { notifier: { notify: async () => undefined }, log: { warn: () => undefined } })
    const keys = Object.keys(service)
    for (const m of METHODS) expect(keys).toContain(m)
    expect(keys.filter((k) => !['catalogue', 'flow', 'life', 'desk', 'jobs', 'notifications'].includes(k)).sort()).toEqual([...METHODS].sort())
    const called = ROWS.map((r) => r.call.toString())
    for (const m of METHODS) expect(called.some((text) => text.includes(`.${m}(`))).toBe(true)
  })

  it.each(cells)('%s as %s → %j', async (_name, role, cell, row) => {
    const world = await createWorld()
    const s = await seeded(world)
    const made = row.setup ? await row.setup(world, s) : {}
    const caller = await callerAs(world, role)
    const cx: Cx = { world, s, caller, role, made }
    await expectCell(cell, () => row.call(cx), (result) => row.check?.(result as never, cx))
  })
})

describe('a refusal leaves no trace', () => {
  it.each(['resident', 'grid', 'leader', 'otherStaff'] as Role[])('confirming, checking in, no-shows, editing and tagging refused to %s change nothing', async (role) => {
    const world = await createWorld()
    const s = await seeded(world)
    const { pending } = await pendingVisit(world, s)
    world.clock.set(Date.parse(s.wangNext.startsAt) + 5 * 60_000)
    const caller = await callerAs(world, role)
    const snapshot = async () =>
      JSON.stringify([
        await world.store.bookings.find(pending),
        await world.store.bookings.find(s.wangNext.id),
        await world.store.services.find(s.legal.id),
        await world.store.householdTags.find({ communityId: DEMO.community, buildingId: 'b-3', room: '302' }),
      ])
    const before = await snapshot()
    const { id: _id, communityId: _c, createdAt: _a, createdById: _b, updatedAt: _u, ...input } = s.legal
    const outcomes: Outcome[] = [
      await outcomeOf(b(world).confirm(caller, pending)),
      await outcomeOf(b(world).reject(caller, pending, { reason: '不符合条件' })),
      await outcomeOf(b(world).checkIn(caller, { code: `linli:checkin:${s.wangNext.id}:${s.wangNext.checkInCode}` })),
      await outcomeOf(b(world).markNoShow(caller, s.wangNext.id)),
      await outcomeOf(b(world).update(caller, s.legal.id, { ...input, capacity: 9 })),
      await outcomeOf(b(world).setHouseholdTags(caller, { buildingId: 'b-3', room: '302', tags: ['disabled'] })),
    ]
    expect(outcomes.every((o) => o === 'forbidden' || o === 'not_found' || o === 'validation')).toBe(true)
    expect(await snapshot()).toBe(before)
  })
})
