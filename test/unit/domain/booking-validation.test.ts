import type { BookingQuestion, OpeningHours, ScheduleException } from '../../../types/domain'
import { normaliseSchedule, validateService } from '../../../src/domain/booking/service-validation'
import { BOOKING_LIMITS, SERVICE_KINDS, validateAnswers, validateBookingRating, validateBookingReason } from '../../../src/domain/booking/validation'

/** A service as staff would write it: the lawyer, Thursdays 09:00–11:30, closed on 国庆节. */
const SERVICE = () => ({
  name: '法律咨询',
  kind: 'legal',
  description: '社区律师每周四上午坐班，解答法律问题。',
  provider: '北京某律师事务所 张律师',
  location: { kind: 'address', address: '社区服务中心二楼' },
  durationMinutes: 30,
  bufferMinutes: 10,
  capacity: 3,
  eligibility: [],
  questions: [
    { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
    { id: 'people', label: '来访人数', kind: 'number', required: false, max: 10 },
    { id: 'phone', label: '联系电话', kind: 'phone', required: true },
  ],
  requiresConfirmation: false,
  rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60, householdLimit: { count: 2, period: 'week' } },
  hours: [{ weekday: 4, start: '09:00', end: '11:30' }],
  exceptions: [{ date: '2026-10-01', kind: 'closed', note: '国庆节休息' }],
  status: 'published',
})

const errorsWith = (over: Record<string, unknown>) => validateService({ ...SERVICE(), ...over })

describe('validateService', () => {
  it('accepts the lawyer, a home visit for 高龄/残疾 households, and a service with no hours but an extra session', () => {
    expect(validateService(SERVICE())).toEqual({})
    expect(errorsWith({ kind: 'home_visit', location: { kind: 'home' }, eligibility: ['elderly', 'disabled'], requiresConfirmation: true })).toEqual({})
    expect(errorsWith({ hours: [], exceptions: [{ date: '2026-10-10', kind: 'extra', start: '14:00', end: '16:00', note: '' }], questions: [] })).toEqual({})
    expect(errorsWith({ rules: { minNoticeMinutes: 0, maxDaysAhead: 0, changeCutoffMinutes: 0 } })).toEqual({})
  })

  it('knows the six kinds', () => {
    expect(SERVICE_KINDS).toEqual(['home_visit', 'legal', 'mediation', 'venue', 'errand', 'volunteer'])
    for (const kind of SERVICE_KINDS) expect(errorsWith({ kind })).toEqual({})
  })

  it.each([
    // [field given, value, error field, message]
    ['name', '', 'name', '请填写服务名称'],
    ['name', '   ', 'name', '请填写服务名称'],
    ['name', undefined, 'name', '请填写服务名称'],
    ['name', 12, 'name', '服务名称格式不正确'],
    ['name', '法'.repeat(31), 'name', '服务名称不能超过30个字'],
    ['description', '', 'description', '请填写服务说明'],
    ['description', '说'.repeat(501), 'description', '服务说明不能超过500个字'],
    ['provider', '', 'provider', '请填写服务提供方'],
    ['provider', '张'.repeat(61), 'provider', '服务提供方不能超过60个字'],
    ['kind', 'massage', 'kind', '请选择服务类别'],
    ['kind', undefined, 'kind', '请选择服务类别'],
    ['location', undefined, 'location', '请选择服务地点：地址或上门'],
    ['location', { kind: 'online' }, 'location', '请选择服务地点：地址或上门'],
    ['location', 'home', 'location', '请选择服务地点：地址或上门'],
    ['location', { kind: 'address' }, 'location', '请填写服务地址'],
    ['location', { kind: 'address', address: '  ' }, 'location', '请填写服务地址'],
    ['location', { kind: 'address', address: '址'.repeat(101) }, 'location', '服务地址不能超过100个字'],
    ['durationMinutes', 9, 'durationMinutes', '每个时段的时长应为10至480分钟'],
    ['durationMinutes', 481, 'durationMinutes', '每个时段的时长应为10至480分钟'],
    ['durationMinutes', 30.5, 'durationMinutes', '每个时段的时长应为10至480分钟'],
    ['durationMinutes', '30', 'durationMinutes', '每个时段的时长应为10至480分钟'],
    ['bufferMinutes', -1, 'bufferMinutes', '时段间隔应为0至120分钟'],
    ['bufferMinutes', 121, 'bufferMinutes', '时段间隔应为0至120分钟'],
    ['capacity', 0, 'capacity', '每个时段的名额应为1至200个'],
    ['capacity', 201, 'capacity', '每个时段的名额应为1至200个'],
    ['eligibility', ['elderly', 'vip'], 'eligibility', '服务对象只能选高龄、残疾、低保（不选为所有已认证住户）'],
    ['eligibility', ['elderly', 'elderly'], 'eligibility', '服务对象只能选高龄、残疾、低保（不选为所有已认证住户）'],
    ['eligibility', 'elderly', 'eligibility', '服务对象只能选高龄、残疾、低保（不选为所有已认证住户）'],
    ['requiresConfirmation', 'yes', 'requiresConfirmation', '请选择是否需要社区确认'],
    ['requiresConfirmation', undefined, 'requiresConfirmation', '请选择是否需要社区确认'],
    ['status', 'open', 'status', '请选择发布、草稿或停止预约'],
    ['rules', undefined, 'rules', '预约规则格式不正确'],
    ['rules', [], 'rules', '预约规则格式不正确'],
    ['hours', undefined, 'hours', '开放时间格式不正确'],
    ['exceptions', {}, 'exceptions', '例外日期格式不正确'],
    ['questions', undefined, 'questions', '预约问题格式不正确'],
  ])('%s = %p → %s: %s', (field, value, errorField, message) => {
    expect(errorsWith({ [field]: value })).toEqual({ [errorField]: message })
  })

  it('accepts every limit exactly', () => {
    expect(
      errorsWith({
        name: '法'.repeat(30),
        description: '说'.repeat(500),
        provider: '张'.repeat(60),
        location: { kind: 'address', address: '址'.repeat(100) },
        durationMinutes: 480,
        hours: [{ weekday: 4, start: '08:00', end: '16:00' }],
        bufferMinutes: 120,
        capacity: 200,
      }),
    ).toEqual({})
    expect(errorsWith({ durationMinutes: 10, bufferMinutes: 0, capacity: 1 })).toEqual({})
    // characters, not UTF-16 units: 30 emoji are 30 characters
    expect(errorsWith({ name: '😀'.repeat(30) })).toEqual({})
  })

  it('answers every broken field at once', () => {
    expect(Object.keys(validateService({})).sort()).toEqual(
      ['bufferMinutes', 'capacity', 'description', 'durationMinutes', 'eligibility', 'exceptions', 'hours', 'kind', 'location', 'name', 'provider', 'questions', 'requiresConfirmation', 'rules', 'status'].sort(),
    )
  })

  describe('rules', () => {
    const rules = (over: Record<string, unknown>) => errorsWith({ rules: { ...SERVICE().rules, ...over } })
    it.each([
      [{ minNoticeMinutes: -1 }, 'rules.minNoticeMinutes', '最少提前时间应为0至10080分钟'],
      [{ minNoticeMinutes: 10081 }, 'rules.minNoticeMinutes', '最少提前时间应为0至10080分钟'],
      [{ minNoticeMinutes: undefined }, 'rules.minNoticeMinutes', '最少提前时间应为0至10080分钟'],
      [{ maxDaysAhead: 91 }, 'rules.maxDaysAhead', '最多提前天数应为0至90天'],
      [{ maxDaysAhead: 1.5 }, 'rules.maxDaysAhead', '最多提前天数应为0至90天'],
      [{ changeCutoffMinutes: 10081 }, 'rules.changeCutoffMinutes', '取消和改约截止时间应为0至10080分钟'],
      [{ householdLimit: { count: 0, period: 'week' } }, 'rules.householdLimit', '每户限约次数应为1至50次'],
      [{ householdLimit: { count: 51, period: 'month' } }, 'rules.householdLimit', '每户限约次数应为1至50次'],
      [{ householdLimit: { count: 2, period: 'year' } }, 'rules.householdLimit', '每户限约应写明次数和周期（每天、每周、每月）'],
      [{ householdLimit: null }, 'rules.householdLimit', '每户限约应写明次数和周期（每天、每周、每月）'],
      [{ householdLimit: 2 }, 'rules.householdLimit', '每户限约应写明次数和周期（每天、每周、每月）'],
    ])('%j → %s', (over, field, message) => {
      expect(rules(over)).toEqual({ [field]: message })
    })

    it('accepts the limits exactly, and no household limit', () => {
      expect(rules({ minNoticeMinutes: 10080, maxDaysAhead: 90, changeCutoffMinutes: 10080, householdLimit: { count: 50, period: 'day' } })).toEqual({})
      expect(rules({ householdLimit: undefined })).toEqual({})
      expect(BOOKING_LIMITS.noticeMaxMinutes).toBe(10080)
    })
  })

  describe('hours', () => {
    const HOURS_FORMAT = '开放时间应写明星期几和起止时间（如 09:00–11:30）'
    it.each([
      [[{ weekday: 0, start: '09:00', end: '11:00' }], HOURS_FORMAT],
      [[{ weekday: 8, start: '09:00', end: '11:00' }], HOURS_FORMAT],
      [[{ weekday: '1', start: '09:00', end: '11:00' }], HOURS_FORMAT],
      [[{ weekday: 1, start: '9:00', end: '11:00' }], HOURS_FORMAT],
      [[{ weekday: 1, start: '09:00', end: '24:00' }], HOURS_FORMAT],
      [[{ weekday: 1, start: '09:00' }], HOURS_FORMAT],
      [['周一 09:00-11:00'], HOURS_FORMAT],
      [[{ weekday: 1, start: '11:00', end: '11:00' }], '开放时间的结束时间应晚于开始时间'],
      [[{ weekday: 1, start: '11:00', end: '09:00' }], '开放时间的结束时间应晚于开始时间'],
      [Array.from({ length: 22 }, (_, i) => ({ weekday: (i % 7) + 1, start: '09:00', end: '10:00' })), '开放时间最多21段'],
    ])('%j → %s', (hours, message) => {
      expect(errorsWith({ hours })).toEqual({ hours: message })
    })

    it('refuses a window shorter than one slot (it would show no slot at all); one exactly a slot long is fine', () => {
      expect(errorsWith({ durationMinutes: 60, hours: [{ weekday: 4, start: '09:00', end: '11:30' }, { weekday: 5, start: '09:00', end: '09:45' }] })).toEqual({
        hours: '开放时间09:00–09:45短于一个时段（60分钟），请延长或缩短时段',
      })
      expect(errorsWith({ durationMinutes: 60, hours: [{ weekday: 5, start: '09:00', end: '10:00' }] })).toEqual({})
      expect(
        errorsWith({ durationMinutes: 60, exceptions: [{ date: '2026-10-10', kind: 'extra', start: '19:00', end: '19:30', note: '加开夜间场' }] }),
      ).toEqual({ exceptions: '加开的场次（2026-10-10）19:00–19:30短于一个时段（60分钟）' })
      // a wrong duration is reported once, on the duration
      expect(errorsWith({ durationMinutes: 5000 })).toEqual({ durationMinutes: '每个时段的时长应为10至480分钟' })
    })

    it('accepts 21 windows, Sunday as 7 and 23:59 as an end', () => {
      expect(errorsWith({ hours: Array.from({ length: 21 }, (_, i) => ({ weekday: (i % 7) + 1, start: '09:00', end: '10:00' })) })).toEqual({})
      expect(errorsWith({ hours: [{ weekday: 7, start: '00:00', end: '23:59' }] })).toEqual({})
    })
  })

  describe('exceptions', () => {
    const FORMAT = '例外日期应写明日期、休息或加开，说明不超过30个字'
    it.each([
      [[{ date: '2026-02-29', kind: 'closed', note: '' }], FORMAT],
      [[{ date: '2026/10/01', kind: 'closed', note: '' }], FORMAT],
      [[{ date: '2026-10-01', kind: 'holiday', note: '' }], FORMAT],
      [[{ date: '2026-10-01', kind: 'closed' }], FORMAT],
      [[{ date: '2026-10-01', kind: 'closed', note: '休'.repeat(31) }], FORMAT],
      [[{ date: '2026-10-10', kind: 'extra', note: '加开' }], '加开的场次（2026-10-10）应写明起止时间，结束晚于开始'],
      [[{ date: '2026-10-10', kind: 'extra', start: '16:00', end: '14:00', note: '加开' }], '加开的场次（2026-10-10）应写明起止时间，结束晚于开始'],
      [[{ date: '2026-10-10', kind: 'extra', start: '14:00', end: '24:00', note: '加开' }], '加开的场次（2026-10-10）应写明起止时间，结束晚于开始'],
      [Array.from({ length: 101 }, () => ({ date: '2026-10-01', kind: 'closed', note: '' })), '例外日期最多100个'],
    ])('%j → %s', (exceptions, message) => {
      expect(errorsWith({ exceptions })).toEqual({ exceptions: message })
    })

    it('accepts a leap day, a 30-character note, and 100 exceptions', () => {
      expect(errorsWith({ exceptions: [{ date: '2028-02-29', kind: 'closed', note: '休'.repeat(30) }] })).toEqual({})
      expect(errorsWith({ exceptions: Array.from({ length: 100 }, () => ({ date: '2026-10-01', kind: 'closed', note: '' })) })).toEqual({})
    })
  })

  describe('questions', () => {
    const SHAPE = '每个预约问题应有编号、类型（文字、数字、电话）和是否必填'
    const q = (over: Record<string, unknown>) => ({ id: 'purpose', label: '咨询事项', kind: 'text', required: true, ...over })
    it.each([
      [[q({ id: 'Purpose' })], SHAPE],
      [[q({ id: '1st' })], SHAPE],
      [[q({ id: 'a'.repeat(21) })], SHAPE],
      [[q({ id: 'q-1' })], SHAPE],
      [[q({ kind: 'date' })], SHAPE],
      [[q({ required: 'yes' })], SHAPE],
      [['咨询事项'], SHAPE],
      [[q({}), q({ label: '另一个' })], '预约问题的编号不能重复'],
      [[q({ label: '' })], '每个预约问题都要有题目，不超过30个字'],
      [[q({ label: '  ' })], '每个预约问题都要有题目，不超过30个字'],
      [[q({ label: '题'.repeat(31) })], '每个预约问题都要有题目，不超过30个字'],
      [[q({ kind: 'text', max: 5 })], '只有数字类问题可以设上限（1至999）'],
      [[q({ kind: 'number', max: 0 })], '只有数字类问题可以设上限（1至999）'],
      [[q({ kind: 'number', max: 1000 })], '只有数字类问题可以设上限（1至999）'],
      [[q({ kind: 'number', max: 2.5 })], '只有数字类问题可以设上限（1至999）'],
      [Array.from({ length: 9 }, (_, i) => q({ id: `q${i}` })), '预约问题最多8个'],
    ])('%j → %s', (questions, message) => {
      expect(errorsWith({ questions })).toEqual({ questions: message })
    })

    it('accepts 8 questions, a 20-character id, a 30-character label and max 1 or 999', () => {
      expect(errorsWith({ questions: Array.from({ length: 8 }, (_, i) => q({ id: `q${i}` })) })).toEqual({})
      expect(errorsWith({ questions: [q({ id: 'a'.repeat(20), label: '题'.repeat(30) }), q({ id: 'n1', kind: 'number', max: 1 }), q({ id: 'n2', kind: 'number', max: 999 })] })).toEqual({})
    })
  })
})

describe('validateAnswers', () => {
  const QUESTIONS: BookingQuestion[] = [
    { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
    { id: 'people', label: '来访人数', kind: 'number', required: false, max: 10 },
    { id: 'phone', label: '联系电话', kind: 'phone', required: true },
  ]

  it('answers the answers in the questions’ order, cleaned and normalised', () => {
    expect(validateAnswers(QUESTIONS, { phone: '+86 138-0000-0001', people: '03', purpose: '  房屋租赁合同纠纷\n\n\n\n请教  ' })).toEqual({
      errors: {},
      answers: [
        { questionId: 'purpose', label: '咨询事项', value: '房屋租赁合同纠纷\n\n请教' },
        { questionId: 'people', label: '来访人数', value: '3' },
        { questionId: 'phone', label: '联系电话', value: '13800000001' },
      ],
    })
  })

  it('leaves out an optional question left blank', () => {
    expect(validateAnswers(QUESTIONS, { purpose: '咨询', phone: '010-12345678', people: '  ' })).toEqual({
      errors: {},
      answers: [
        { questionId: 'purpose', label: '咨询事项', value: '咨询' },
        { questionId: 'phone', label: '联系电话', value: '01012345678' },
      ],
    })
  })

  it('names each required question left out', () => {
    expect(validateAnswers(QUESTIONS, {}).errors).toEqual({ 'answers.purpose': '请填写咨询事项', 'answers.phone': '请填写联系电话' })
    expect(validateAnswers(QUESTIONS, undefined).errors).toEqual({ 'answers.purpose': '请填写咨询事项', 'answers.phone': '请填写联系电话' })
    expect(validateAnswers(QUESTIONS, { purpose: '   ', phone: '' }).errors).toEqual({ 'answers.purpose': '请填写咨询事项', 'answers.phone': '请填写联系电话' })
  })

  it('refuses answers that are not an object', () => {
    expect(validateAnswers([], 'hello').errors).toEqual({ answers: '预约信息格式不正确' })
    expect(validateAnswers([], ['a']).errors).toEqual({ answers: '预约信息格式不正确' })
    expect(validateAnswers([], undefined)).toEqual({ errors: {}, answers: [] })
  })

  it('drops an answer to no question (staff may have removed it while the form was open)', () => {
    const { errors, answers } = validateAnswers(QUESTIONS, { purpose: '咨询', phone: '13800000001', age: '80' })
    expect(errors).toEqual({})
    expect(answers.map((a) => a.questionId)).toEqual(['purpose', 'phone'])
  })

  it.each([
    [{ purpose: 42 }, 'answers.purpose', '咨询事项格式不正确'],
    [{ purpose: '事'.repeat(201) }, 'answers.purpose', '咨询事项不能超过200个字'],
    [{ people: '0' }, 'answers.people', '来访人数请填写正整数'],
    [{ people: '-1' }, 'answers.people', '来访人数请填写正整数'],
    [{ people: '2.5' }, 'answers.people', '来访人数请填写正整数'],
    [{ people: '两' }, 'answers.people', '来访人数请填写正整数'],
    [{ people: '1e2' }, 'answers.people', '来访人数请填写正整数'],
    [{ people: '11' }, 'answers.people', '来访人数最多10'],
    [{ people: 3 }, 'answers.people', '来访人数格式不正确'],
    [{ phone: '1380000000' }, 'answers.phone', '请填写 11 位手机号码（或带区号的座机）'],
    [{ phone: '12800000001' }, 'answers.phone', '请填写 11 位手机号码（或带区号的座机）'],
    [{ phone: 'abc' }, 'answers.phone', '请填写 11 位手机号码（或带区号的座机）'],
  ])('%j → %s: %s', (over, field, message) => {
    const result = validateAnswers(QUESTIONS, { purpose: '咨询', phone: '13800000001', ...over })
    expect(result.errors).toEqual({ [field]: message })
    expect(result.answers.map((a) => a.questionId)).not.toContain(field.slice('answers.'.length))
  })

  it('accepts the limits exactly: 200 characters, the max itself', () => {
    expect(validateAnswers(QUESTIONS, { purpose: '事'.repeat(200), phone: '13800000001', people: '10' }).errors).toEqual({})
  })

  it('a number question without a max still refuses a number too large to keep exactly', () => {
    const open: BookingQuestion[] = [{ id: 'count', label: '数量', kind: 'number', required: true }]
    expect(validateAnswers(open, { count: '500' })).toEqual({ errors: {}, answers: [{ questionId: 'count', label: '数量', value: '500' }] })
    expect(validateAnswers(open, { count: '9'.repeat(30) }).errors).toEqual({ 'answers.count': '数量请填写正整数' })
  })
})

describe('validateBookingReason', () => {
  it.each(['取消', '拒绝'] as const)('a reason to %s: 2 to 200 characters', (what) => {
    expect(validateBookingReason('有事', what)).toEqual({})
    expect(validateBookingReason('因'.repeat(200), what)).toEqual({})
    expect(validateBookingReason('因', what)).toEqual({ reason: `请填写${what}原因（至少2个字）` })
    expect(validateBookingReason('  因 \n', what)).toEqual({ reason: `请填写${what}原因（至少2个字）` })
    expect(validateBookingReason('', what)).toEqual({ reason: `请填写${what}原因（至少2个字）` })
    expect(validateBookingReason(undefined, what)).toEqual({ reason: `请填写${what}原因（至少2个字）` })
    expect(validateBookingReason(42, what)).toEqual({ reason: `请填写${what}原因（至少2个字）` })
    expect(validateBookingReason('因'.repeat(201), what)).toEqual({ reason: `${what}原因不能超过200个字` })
  })
})

describe('validateBookingRating', () => {
  it.each([1, 2, 3, 4, 5])('%i stars are fine', (stars) => {
    expect(validateBookingRating(stars, undefined)).toEqual({})
    expect(validateBookingRating(stars, '')).toEqual({})
  })
  it.each([0, 6, 4.5, '5', null, undefined])('%p stars are not', (stars) => {
    expect(validateBookingRating(stars, '很好')).toEqual({ stars: '请选择1至5星' })
  })
  it('a comment is text of at most 300 characters', () => {
    expect(validateBookingRating(5, '好'.repeat(300))).toEqual({})
    expect(validateBookingRating(5, '好'.repeat(301))).toEqual({ comment: '评价不能超过300个字' })
    expect(validateBookingRating(5, 5)).toEqual({ comment: '评价内容格式不正确' })
    expect(validateBookingRating(9, null)).toEqual({ stars: '请选择1至5星', comment: '评价内容格式不正确' })
  })
})

describe('normaliseSchedule', () => {
  it('sorts hours by weekday then start, exceptions by date, without touching the input', () => {
    const hours: OpeningHours[] = [
      { weekday: 7, start: '09:00', end: '10:00' },
      { weekday: 1, start: '14:00', end: '16:00' },
      { weekday: 1, start: '09:00', end: '11:30' },
    ]
    const exceptions: ScheduleException[] = [
      { date: '2027-01-01', kind: 'closed', note: '元旦' },
      { date: '2026-10-10', kind: 'extra', start: '14:00', end: '16:00', note: '加开' },
      { date: '2026-10-01', kind: 'closed', note: '国庆节休息' },
    ]
    expect(normaliseSchedule(hours, exceptions)).toEqual({
      hours: [hours[2], hours[1], hours[0]],
      exceptions: [exceptions[2], exceptions[1], exceptions[0]],
    })
    expect(hours[0].weekday).toBe(7)
  })
})
