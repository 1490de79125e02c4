import { CITY_ACTOR_ID } from '../../../src/domain/open311/statuses'
import { timelineItems } from '../../../src/ui/timeline-items'
import type { TimelineEvent } from '../../../types/domain'

/** Who the timeline says acted: a person's role and name; a city system, or a nameless resident, in one word. */
const event = (over: Partial<TimelineEvent>): TimelineEvent => ({
  id: `e-${Math.random()}`,
  reportId: 'r1',
  action: 'accept',
  fromStatus: 'submitted',
  toStatus: 'accepted',
  actorId: 'u-zhang',
  actorName: '张敏',
  actorRole: 'staff',
  at: '2026-12-02T08:00:00.000Z',
  photos: [],
  public: true,
  ...over,
})

test('a person is shown by role and name', () => {
  expect(timelineItems([event({})])[0].actor).toBe('社区工作者 张敏')
})

test('a city system’s step names the agency alone, not as a 社区工作者', () => {
  expect(timelineItems([event({ actorId: CITY_ACTOR_ID, actorName: '市政养护中心' })])[0].actor).toBe('市政养护中心')
})

test('a resident known only as 居民 is not named twice', () => {
  expect(timelineItems([event({ action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: 'dev_1', actorName: '居民', actorRole: 'resident' })])[0].actor).toBe('居民')
})
