import type { ServiceInput } from '../../../types/api'

/** Thursday 2026-11-26 10:00 in Beijing (the test world's clock is Saturday 2026-11-21 16:00). */
export const THU_10 = '2026-11-26T02:00:00.000Z'

/**
 * The lawyer's Thursday mornings (09:00–12:00, 45 minutes and a 15-minute buffer: 09:00, 10:00,
 * 11:00), 3 seats, 2 hours' notice, no questions and no household limit: the booking tests' plain
 * service, each changing what it is about.
 */
export const plainLawyer = (over: Partial<ServiceInput> = {}): ServiceInput => ({
  name: '法律咨询',
  kind: 'legal',
  description: '社区法律顾问坐班。',
  location: { kind: 'address', address: '社区党群服务中心二楼' },
  provider: '王律师',
  durationMinutes: 45,
  bufferMinutes: 15,
  capacity: 3,
  eligibility: [],
  questions: [],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
  hours: [{ weekday: 4, start: '09:00', end: '12:00' }],
  exceptions: [],
  status: 'published',
  ...over,
})
