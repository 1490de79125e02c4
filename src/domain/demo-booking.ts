import type { ServiceInput } from '../../types/api'
import type { HouseholdTag } from '../../types/domain'

/**
 * 映月社区's services (issue 12) as its staff publish them, the households tagged for 上门服务, and
 * a few bookings replayed through the core at their times (src/core/seed-booking.ts). Dates of
 * exceptions are given in days from the seed's day, so the demo always shows a closed day and an
 * extra session in its coming fortnight.
 */

export interface DemoService {
  key: string
  input: ServiceInput
  /** Exceptions in days from today (Beijing): closed days and extra sessions. */
  closedInDays?: Array<{ days: number; note: string }>
  extraInDays?: Array<{ days: number; start: string; end: string; note: string }>
}

const weekdays = (days: number[], start: string, end: string) => days.map((weekday) => ({ weekday: weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, start, end }))

export const DEMO_SERVICES: DemoService[] = [
  {
    key: 'legal',
    input: {
      name: '法律咨询',
      kind: 'legal',
      description: '社区法律顾问每周四坐班，解答婚姻家庭、房屋租赁、劳动报酬、邻里纠纷等问题，必要时协助申请法律援助。',
      location: { kind: 'address', address: '社区党群服务中心二楼 法律服务室' },
      provider: '社区法律顾问 王律师（东亭律师事务所）',
      durationMinutes: 45,
      bufferMinutes: 15,
      capacity: 3,
      eligibility: [],
      questions: [
        { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
        { id: 'phone', label: '联系电话', kind: 'phone', required: true },
      ],
      requiresConfirmation: false,
      rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60, householdLimit: { count: 2, period: 'month' } },
      hours: weekdays([4], '09:00', '12:00'),
      exceptions: [],
      status: 'published',
    },
    extraInDays: [{ days: 9, start: '14:00', end: '16:00', note: '律师加开下午场' }],
  },
  {
    key: 'home-visit',
    input: {
      name: '助老上门服务',
      kind: 'home_visit',
      description: '为高龄、残疾老人上门理发、助浴、测血压、小家电维修。志愿者两人一组上门，服务免费。',
      location: { kind: 'home' },
      provider: '社区居家养老服务站',
      durationMinutes: 60,
      bufferMinutes: 30,
      capacity: 1,
      eligibility: ['elderly', 'disabled'],
      questions: [
        { id: 'need', label: '需要什么服务', kind: 'text', required: true },
        { id: 'phone', label: '上门联系电话', kind: 'phone', required: true },
      ],
      requiresConfirmation: true,
      rules: { minNoticeMinutes: 1440, maxDaysAhead: 14, changeCutoffMinutes: 240, householdLimit: { count: 2, period: 'week' } },
      hours: [...weekdays([2, 5], '09:00', '11:30'), ...weekdays([2, 5], '14:00', '16:30')],
      exceptions: [],
      status: 'published',
    },
  },
  {
    key: 'mediation',
    input: {
      name: '人民调解',
      kind: 'mediation',
      description: '邻里、家庭、物业纠纷调解。调解员先电话了解情况，再约双方到调解室面谈。',
      location: { kind: 'address', address: '社区党群服务中心一楼 调解室' },
      provider: '映月社区人民调解委员会',
      durationMinutes: 60,
      bufferMinutes: 0,
      capacity: 1,
      eligibility: [],
      questions: [
        { id: 'purpose', label: '纠纷简述', kind: 'text', required: true },
        { id: 'phone', label: '联系电话', kind: 'phone', required: true },
      ],
      requiresConfirmation: true,
      rules: { minNoticeMinutes: 240, maxDaysAhead: 21, changeCutoffMinutes: 120 },
      hours: weekdays([1, 3], '14:00', '17:00'),
      exceptions: [],
      status: 'published',
    },
  },
  {
    key: 'room',
    input: {
      name: '活动室预约',
      kind: 'venue',
      description: '二楼多功能活动室，可容纳40人，有投影和音响，适合兴趣小组、楼栋议事、老年活动。请爱护设施，用后复原。',
      location: { kind: 'address', address: '社区党群服务中心二楼 多功能活动室' },
      provider: '映月社区居委会',
      durationMinutes: 120,
      bufferMinutes: 30,
      capacity: 1,
      eligibility: [],
      questions: [
        { id: 'purpose', label: '活动内容', kind: 'text', required: true },
        { id: 'people', label: '参加人数', kind: 'number', required: true, max: 40 },
        { id: 'phone', label: '联系电话', kind: 'phone', required: true },
      ],
      requiresConfirmation: true,
      rules: { minNoticeMinutes: 720, maxDaysAhead: 14, changeCutoffMinutes: 240, householdLimit: { count: 1, period: 'week' } },
      hours: weekdays([1, 2, 3, 4, 5, 6, 7], '08:30', '21:00'),
      exceptions: [],
      status: 'published',
    },
    closedInDays: [{ days: 6, note: '活动室消防检查，暂停开放' }],
  },
  {
    key: 'errand',
    input: {
      name: '政务代办',
      kind: 'errand',
      description: '社保、医保、养老认证、居住证等事项帮办代办。请带好身份证和相关材料，社区代办员陪同或代为办理。',
      location: { kind: 'address', address: '社区党群服务中心一楼 便民服务窗口' },
      provider: '社区便民服务站',
      durationMinutes: 30,
      bufferMinutes: 0,
      capacity: 2,
      eligibility: [],
      questions: [
        { id: 'purpose', label: '办理事项', kind: 'text', required: true },
        { id: 'phone', label: '联系电话', kind: 'phone', required: false },
      ],
      requiresConfirmation: false,
      rules: { minNoticeMinutes: 60, maxDaysAhead: 7, changeCutoffMinutes: 30, householdLimit: { count: 3, period: 'week' } },
      hours: [...weekdays([1, 2, 3, 4, 5], '09:00', '11:30'), ...weekdays([1, 2, 3, 4, 5], '14:00', '17:00')],
      exceptions: [],
      status: 'published',
    },
  },
]

/** Households staff have tagged (3号楼101 周桂芳, 3号楼201 王秀兰). */
export const DEMO_HOUSEHOLD_TAGS: Array<{ buildingId: string; room: string; tags: HouseholdTag[] }> = [
  { buildingId: 'b-3', room: '101', tags: ['elderly'] },
  { buildingId: 'b-3', room: '201', tags: ['elderly', 'low_income'] },
]

/**
 * Bookings, each made `bookedDaysAgo` before now for the first slot of its service at least
 * `slotAfterDays` after that moment; a past one may have been checked in, done and rated.
 */
export interface DemoBooking {
  by: string
  service: string
  bookedDaysAgo: number
  slotAfterDays: number
  answers: Record<string, string>
  then?: 'done_rated'
}

export const DEMO_BOOKINGS: DemoBooking[] = [
  { by: 'u-wang', service: 'legal', bookedDaysAgo: 20, slotAfterDays: 2, answers: { purpose: '儿子房子出租的合同怎么写', phone: '13800000001' }, then: 'done_rated' },
  { by: 'u-wang', service: 'errand', bookedDaysAgo: 1, slotAfterDays: 2, answers: { purpose: '养老资格认证', phone: '13800000001' } },
  { by: 'u-li', service: 'legal', bookedDaysAgo: 2, slotAfterDays: 3, answers: { purpose: '劳动合同到期不续签的补偿', phone: '13800000002' } },
]
