import type { ReportQuestion } from '../../../types/domain'
import {
  ANSWER_LIMITS,
  answerField,
  answersToSend,
  dateTimeAnswer,
  dateTimeParts,
  isBlankAnswer,
  validateAnswers,
} from '../../../src/domain/report-questions'

const base = { hint: '', required: false, order: 0, options: [], asked: true }
const q = (code: string, type: ReportQuestion['type'], extra: Partial<ReportQuestion> = {}): ReportQuestion => ({ ...base, code, label: code, type, ...extra })

const QUESTIONS: ReportQuestion[] = [
  q('info', 'string', { asked: false, required: true, label: '夜间请拨 12345' }),
  q('pole', 'string', { required: true, label: '灯杆编号' }),
  q('count', 'number', { label: '几盏灯' }),
  q('since', 'datetime', { label: '开始时间' }),
  q('more', 'text', { label: '补充说明' }),
  q('kind', 'singlevaluelist', { required: true, label: '故障情况', options: [{ value: 'off', label: '不亮' }, { value: 'on', label: '常亮' }] }),
  q('hazards', 'multivaluelist', { label: '隐患', options: [{ value: 'wire', label: '电线外露' }, { value: 'dark', label: '太黑' }] }),
]

describe('validateAnswers', () => {
  test('a full set of valid answers has no message', () => {
    expect(validateAnswers(QUESTIONS, { pole: 'A-17', count: '2', since: '2026-12-01T20:00:00+08:00', more: '一周了', kind: 'off', hazards: ['wire', 'dark'] })).toEqual({})
  })

  test('required questions left blank are asked for, keyed attribute.<code>; the info-only one never', () => {
    expect(validateAnswers(QUESTIONS, { pole: '  ', hazards: [] })).toEqual({
      'attribute.pole': '请填写“灯杆编号”',
      'attribute.kind': '请选择“故障情况”',
    })
  })

  test('each type checks its answer', () => {
    const errors = validateAnswers(QUESTIONS, { pole: 'A', kind: 'broken', count: '两', since: '2026-12-01 20:00', hazards: ['fire'] })
    expect(errors).toEqual({
      'attribute.kind': '“故障情况”的选项无效，请重新选择',
      'attribute.count': '“几盏灯”请填写数字',
      'attribute.since': '“开始时间”请填写正确的日期和时间',
      'attribute.hazards': '“隐患”的选项无效，请重新选择',
    })
  })

  test('a date and time without its offset is refused: a city system must not guess the zone', () => {
    expect(validateAnswers(QUESTIONS, { pole: 'A', kind: 'off', since: '2026-12-01T20:00:00' })['attribute.since']).toBe('“开始时间”请填写正确的日期和时间')
  })

  test('texts are held to their limits, counted in characters', () => {
    const long = validateAnswers(QUESTIONS, { pole: '号'.repeat(ANSWER_LIMITS.string + 1), kind: 'off', more: '字'.repeat(ANSWER_LIMITS.text + 1) })
    expect(long['attribute.pole']).toBe('“灯杆编号”不能超过200个字（现在201个字）')
    expect(long['attribute.more']).toBe('“补充说明”不能超过2000个字（现在2001个字）')
    expect(validateAnswers(QUESTIONS, { pole: '😀'.repeat(ANSWER_LIMITS.string), kind: 'off' })).toEqual({})
  })
})

test('answersToSend keeps the asked questions\' non-blank answers, trimmed', () => {
  expect(answersToSend(QUESTIONS, { info: 'x', pole: ' A-17 ', count: '', hazards: [], kind: 'off', other: 'from another category', since: '2026-12-01T20:00:00+08:00' })).toEqual({
    pole: 'A-17',
    kind: 'off',
    since: '2026-12-01T20:00:00+08:00',
  })
  expect(answersToSend(QUESTIONS, { hazards: ['dark'] })).toEqual({ hazards: ['dark'] })
})

test('blank answers', () => {
  expect([undefined, '', '  ', []].map(isBlankAnswer)).toEqual([true, true, true, true])
  expect(['0', ['a']].map(isBlankAnswer)).toEqual([false, false])
  expect(answerField('pole')).toBe('attribute.pole')
})

describe('date and time answers', () => {
  test('a picked Beijing date and time become an ISO answer with +08:00', () => {
    expect(dateTimeAnswer('2026-12-01', '20:05')).toBe('2026-12-01T20:05:00+08:00')
    expect(dateTimeAnswer('2026-12-01', '')).toBeNull()
    expect(dateTimeAnswer('', '20:05')).toBeNull()
  })

  test('an answer splits back into its Beijing date and time, whatever its offset', () => {
    expect(dateTimeParts('2026-12-01T20:05:00+08:00')).toEqual({ date: '2026-12-01', time: '20:05' })
    expect(dateTimeParts('2026-12-01T16:30:00.000Z')).toEqual({ date: '2026-12-02', time: '00:30' })
    expect(dateTimeParts(undefined)).toEqual({ date: '', time: '' })
    expect(dateTimeParts('昨天')).toEqual({ date: '', time: '' })
  })
})
