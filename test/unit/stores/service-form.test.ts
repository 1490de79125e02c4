import { DEMO_SERVICES } from '../../../src/domain/demo-booking'
import { validateService } from '../../../src/domain/booking/service-validation'
import { blankServiceForm, formOfService, inputOfForm, nextQuestionId } from '../../../src/stores/service-form'
import type { Service } from '../../../types/domain'

const asService = (i: number): Service => ({ ...DEMO_SERVICES[i].input, id: `s${i}`, communityId: 'c', updatedAt: '2026-12-01T00:00:00.000Z' })

test('every demo service goes through the form and back unchanged (a number question keeps its max)', () => {
  for (let i = 0; i < DEMO_SERVICES.length; i++) {
    const s = asService(i)
    expect(inputOfForm(formOfService(s), s)).toEqual(DEMO_SERVICES[i].input)
  }
})

test('a half-typed number is refused in the rule’s words, never sent as 0', () => {
  const form = { ...formOfService(asService(0)), capacity: '', duration: '4５', minNotice: '-5' }
  const input = inputOfForm(form)
  expect(Number.isNaN(input.capacity)).toBe(true)
  const errors = validateService(input as unknown as Record<string, unknown>)
  expect(errors.capacity).toBe('每个时段的名额应为1至200个')
  expect(errors.durationMinutes).toBe('每个时段的时长应为10至480分钟')
  expect(errors['rules.minNoticeMinutes']).toBe('最少提前时间应为0至10080分钟')
})

test('the household limit is sent only when on; closed days carry no times; a new question gets a free id', () => {
  const off = inputOfForm({ ...blankServiceForm(), limitOn: false })
  expect(off.rules.householdLimit).toBeUndefined()
  const on = inputOfForm({ ...blankServiceForm(), limitOn: true, limitCount: '3', limitPeriod: 'month' })
  expect(on.rules.householdLimit).toEqual({ count: 3, period: 'month' })
  const ex = inputOfForm({ ...blankServiceForm(), exceptions: [{ date: '2027-01-01', kind: 'closed', start: '09:00', end: '10:00', note: ' 元旦 ' }] })
  expect(ex.exceptions).toEqual([{ date: '2027-01-01', kind: 'closed', note: '元旦' }])
  expect(nextQuestionId([{ id: 'q1', label: '', kind: 'text', required: false }, { id: 'phone', label: '', kind: 'phone', required: true }])).toBe('q2')
})
