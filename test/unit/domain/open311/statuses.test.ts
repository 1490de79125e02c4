import type { TimelineEvent } from '../../../../types/domain'
import type { Open311Request } from '../../../../src/domain/open311/requests'
import { CITY_ACTOR, linliStatusOf, nextTimeline, statusLabelOf } from '../../../../src/domain/open311/statuses'

const NOW = '2026-12-02T04:00:00.000Z'
const REQUEST: Open311Request = {
  id: '1001',
  status: 'open',
  statusNotes: null,
  serviceCode: 'light',
  serviceName: '路灯故障',
  description: '路灯不亮',
  agencyResponsible: null,
  serviceNotice: null,
  requestedAt: '2026-12-01T01:00:00.000Z',
  updatedAt: '2026-12-01T01:00:00.000Z',
  expectedAt: null,
  address: null,
  latitude: null,
  longitude: null,
  mediaUrl: null,
}
const at = (status: string, statusNotes: string | null, updatedAt = '2026-12-01T08:00:00.000Z'): Open311Request => ({ ...REQUEST, status, statusNotes, updatedAt })

describe('linliStatusOf', () => {
  test.each([
    ['open', 'submitted'],
    ['closed', 'resolved'],
    ['investigating', 'accepted'],
    ['in_progress', 'in_progress'],
    ['action_scheduled', 'in_progress'],
    ['internal_referral', 'transferred'],
    ['fixed', 'resolved'],
    ['no_further_action', 'resolved'],
    ['unable_to_fix', 'resolved'],
    ['duplicate', 'merged'],
    ['not_councils_responsibility', 'rejected'],
    ['reopen', 'reopened'],
  ])('%s → %s', (status, linli) => expect(linliStatusOf(status)).toBe(linli))

  test('upper case and spaces are read the same', () => expect(linliStatusOf('ACTION SCHEDULED')).toBe('in_progress'))

  test('an unknown status keeps the report in handling, never ends it', () => expect(linliStatusOf('awaiting_parts')).toBe('in_progress'))

  test('every status has a Chinese label for when the city gives no notes', () => {
    expect(statusLabelOf('fixed')).toBe('已修复')
    expect(statusLabelOf('awaiting_parts')).toBe('处理中')
  })
})

describe('nextTimeline', () => {
  test('the first answer of an open request is the submit step at requested_datetime', () => {
    const timeline = nextTimeline('r1', [], REQUEST, NOW)
    expect(timeline).toEqual([
      { id: 'open311:r1:0', reportId: 'r1', action: 'submit', fromStatus: null, toStatus: 'submitted', at: '2026-12-01T01:00:00.000Z', actorId: 'open311', actorName: '居民', actorRole: 'staff', photos: [], public: true },
    ])
  })

  test('a request already closed when first seen gets the submit step and the resolve step', () => {
    const timeline = nextTimeline('r1', [], at('closed', '已修复'), NOW)
    expect(timeline.map((e) => [e.action, e.toStatus, e.note])).toEqual([
      ['submit', 'submitted', undefined],
      ['resolve', 'resolved', '已修复'],
    ])
  })

  test('closing adds a resolve step with the notes at updated_datetime, by the city', () => {
    const first = nextTimeline('r1', [], REQUEST, NOW)
    const [, step] = nextTimeline('r1', first, at('closed', '已更换灯泡'), NOW)
    expect(step).toMatchObject({ action: 'resolve', fromStatus: 'submitted', toStatus: 'resolved', note: '已更换灯泡', at: '2026-12-01T08:00:00.000Z', actorName: CITY_ACTOR, public: true })
  })

  test('the agency responsible is shown as the actor', () => {
    const first = nextTimeline('r1', [], REQUEST, NOW)
    expect(nextTimeline('r1', first, { ...at('closed', null), agencyResponsible: '市政养护中心' }, NOW)[1].actorName).toBe('市政养护中心')
  })

  test('the same answer again adds nothing', () => {
    const once = nextTimeline('r1', nextTimeline('r1', [], REQUEST, NOW), at('in_progress', '已派人'), NOW)
    expect(nextTimeline('r1', once, at('in_progress', '已派人', '2026-12-01T09:00:00.000Z'), NOW)).toEqual(once)
  })

  test('new notes under the same status add a progress step', () => {
    const once = nextTimeline('r1', nextTimeline('r1', [], REQUEST, NOW), at('in_progress', '已派人'), NOW)
    const twice = nextTimeline('r1', once, at('in_progress', '明天施工'), NOW)
    expect(twice.at(-1)).toMatchObject({ action: 'progress', fromStatus: 'in_progress', toStatus: 'in_progress', note: '明天施工' })
  })

  test('a move without notes adds a step without a note', () => {
    const timeline = nextTimeline('r1', nextTimeline('r1', [], REQUEST, NOW), at('closed', null), NOW)
    expect(timeline[1]).not.toHaveProperty('note')
  })

  test('a move without updated_datetime is placed now', () => {
    const timeline = nextTimeline('r1', nextTimeline('r1', [], REQUEST, NOW), { ...at('closed', null), updatedAt: null }, NOW)
    expect(timeline[1].at).toBe(NOW)
  })

  test('extended statuses show as their own steps: referral, duplicate, refusal', () => {
    const first: TimelineEvent[] = nextTimeline('r1', [], REQUEST, NOW)
    expect(nextTimeline('r1', first, at('internal_referral', null), NOW)[1].action).toBe('transfer')
    expect(nextTimeline('r1', first, at('duplicate', null), NOW)[1].action).toBe('merge')
    expect(nextTimeline('r1', first, at('not_councils_responsibility', '请联系物业'), NOW)[1]).toMatchObject({ action: 'reject', toStatus: 'rejected' })
  })

  test('ids follow the step number', () => {
    const timeline = nextTimeline('r1', nextTimeline('r1', [], REQUEST, NOW), at('closed', null), NOW)
    expect(timeline.map((e) => e.id)).toEqual(['open311:r1:0', 'open311:r1:1'])
  })
})
