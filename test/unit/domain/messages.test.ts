import {
  canUseGeneralThread,
  canUseReportThread,
  generalThreadId,
  MESSAGE_LIMITS,
  parseThreadId,
  reportThreadId,
  reportThreadTitle,
  validateMessage,
} from '../../../src/domain/messages'
import { actor, CAST, COMMUNITY, makeReport, OTHER_COMMUNITY, type CastMember } from '../support/domain-fixtures'

describe('validateMessage', () => {
  it('accepts a message of one to 500 characters, counted as people count them', () => {
    expect(validateMessage('好')).toEqual({})
    expect(validateMessage('👍')).toEqual({})
    expect(validateMessage('字'.repeat(MESSAGE_LIMITS.bodyMax))).toEqual({})
    expect(validateMessage('😀'.repeat(MESSAGE_LIMITS.bodyMax))).toEqual({})
  })

  it.each([
    ['nothing', undefined, '请输入留言内容'],
    ['an empty string', '', '请输入留言内容'],
    ['only blanks', ' \n\n \t ', '请输入留言内容'],
    ['501 characters', '字'.repeat(501), '留言不能超过500个字'],
  ])('refuses %s on the body field', (_name, body, message) => {
    expect(validateMessage(body)).toEqual({ body: message })
  })
})

describe('thread ids', () => {
  it('round-trips report and general thread ids', () => {
    expect(reportThreadId('r_abc')).toBe('report:r_abc')
    expect(generalThreadId('u-wang')).toBe('general:u-wang')
    expect(parseThreadId(reportThreadId('r_abc'))).toEqual({ kind: 'report', reportId: 'r_abc' })
    expect(parseThreadId(generalThreadId('u-wang'))).toEqual({ kind: 'general', ownerId: 'u-wang' })
  })

  it('keeps everything after the first colon as the id', () => {
    expect(parseThreadId('report:a:b')).toEqual({ kind: 'report', reportId: 'a:b' })
  })

  it.each(['', 'report', 'report:', 'general:', 'reportx', 'generalx', 'booking:1', ':r-1', 'REPORT:r-1'])(
    'rejects %j',
    (id) => {
      expect(parseThreadId(id)).toBeNull()
    },
  )
})

describe('who may use a report’s thread', () => {
  /*
   * By hand: the people of the report — its reporter, the household it was filed for, whoever filed
   * it for them — and its handlers (staff of the community, grid worker of its grid). Nobody else.
   */
  const EXPECTED: Record<CastMember, boolean> = {
    reporter: true,
    resident: false,
    building_leader: false,
    grid_worker_here: true,
    grid_worker_elsewhere: false,
    staff_here: true,
    staff_elsewhere: false,
    admin: false,
  }
  it.each(Object.entries(EXPECTED) as Array<[CastMember, boolean]>)('%s: %s', (who, expected) => {
    expect(canUseReportThread(CAST[who], makeReport())).toBe(expected)
  })

  it('includes the leader who filed it and the household it was filed for (代报)', () => {
    const neighbourAtHome = actor('u-201', ['resident'], { home: { buildingId: 'b-home', room: '201' } })
    const neighbourNextDoor = actor('u-202', ['resident'], { home: { buildingId: 'b-home', room: '202' } })
    const filed = makeReport({
      reporterId: 'home:b-home:201',
      reporterName: '住户',
      filedBy: { id: CAST.building_leader.id, name: '周桂芳' },
      beneficiary: { buildingId: 'b-home', room: '201' },
    })
    expect(canUseReportThread(CAST.building_leader, filed)).toBe(true)
    expect(canUseReportThread(neighbourAtHome, filed)).toBe(true)
    expect(canUseReportThread(neighbourNextDoor, filed)).toBe(false)
    expect(canUseReportThread(CAST.building_leader, makeReport())).toBe(false)
  })
})

describe('who may use a general thread', () => {
  const owner = { id: 'u-wang', communityId: COMMUNITY }
  it.each([
    ['its owner', actor('u-wang', ['resident']), true],
    ['staff of the community', actor('u-staff', ['staff']), true],
    ['staff elsewhere', actor('u-staff', ['staff'], { communityId: OTHER_COMMUNITY }), false],
    ['another resident', actor('u-li', ['resident']), false],
    ['a grid worker', actor('u-grid', ['grid_worker'], { gridIds: ['g-home'] }), false],
    ['a building leader', actor('u-leader', ['building_leader'], { leadsBuildingIds: ['b-home'] }), false],
    ['an admin', actor('u-admin', ['admin']), false],
  ] as const)('%s: %s', (_name, who, expected) => {
    expect(canUseGeneralThread(who, owner)).toBe(expected)
  })
})

describe('reportThreadTitle', () => {
  it('names the thread by category and number', () => {
    expect(reportThreadTitle({ categoryName: '路灯故障', number: 'YY-20261121-0007' })).toBe('路灯故障 · YY-20261121-0007')
  })
})
