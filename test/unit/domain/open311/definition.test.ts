import { parseServiceDefinition, validateAnswers, type Question } from '../../../../src/domain/open311/definition'

const DEFINITION = {
  service_code: 'light',
  attributes: [
    { variable: true, code: 'kind', datatype: 'singlevaluelist', required: true, order: 2, description: '故障情况', values: [{ key: 'off', name: '不亮' }, { key: 'on', name: '常亮' }] },
    { variable: true, code: 'pole', datatype: 'string', required: true, order: 1, description: '灯杆编号', datatype_description: '灯杆上的编号' },
    { variable: true, code: 'count', datatype: 'number', required: false, order: 3, description: '几盏灯' },
    { variable: true, code: 'since', datatype: 'datetime', required: false, order: 4, description: '开始时间' },
    { variable: true, code: 'more', datatype: 'text', required: false, order: 5, description: '补充说明' },
    { variable: true, code: 'hazards', datatype: 'multivaluelist', required: false, order: 6, description: '隐患', values: [{ key: 'wire', name: '电线外露' }, { key: 'dark', name: '太黑' }] },
    { variable: false, code: 'info', datatype: 'string', required: false, order: 0, description: '夜间电话 12345' },
  ],
}

const questions = parseServiceDefinition(DEFINITION)
const VALID = { pole: 'A-17', kind: 'off' }

describe('parseServiceDefinition', () => {
  test('orders the questions by order', () => {
    expect(questions.map((q) => q.code)).toEqual(['info', 'pole', 'kind', 'count', 'since', 'more', 'hazards'])
  })

  test('keeps every datatype', () => {
    expect(questions.map((q) => q.type)).toEqual(['string', 'string', 'singlevaluelist', 'number', 'datetime', 'text', 'multivaluelist'])
  })

  test('a question has its label, hint and required flag', () => {
    expect(questions[1]).toMatchObject({ code: 'pole', label: '灯杆编号', hint: '灯杆上的编号', required: true, asked: true })
  })

  test('list values become options: key posted, name shown', () => {
    expect(questions[2].options).toEqual([
      { value: 'off', label: '不亮' },
      { value: 'on', label: '常亮' },
    ])
  })

  test('variable false is information, not asked', () => {
    expect(questions[0].asked).toBe(false)
  })

  test('attributes without an order keep the definition order, after the ordered ones', () => {
    const parsed = parseServiceDefinition({ attributes: [{ code: 'b', datatype: 'string' }, { code: 'a', datatype: 'string' }, { code: 'c', datatype: 'string', order: 1 }] })
    expect(parsed.map((q) => q.code)).toEqual(['c', 'b', 'a'])
  })

  test('"true" as text counts as required; order as text counts as a number', () => {
    const [question] = parseServiceDefinition({ attributes: [{ code: 'x', datatype: 'string', required: 'true', order: '3' }] })
    expect(question).toMatchObject({ required: true, order: 3 })
  })

  test('an unknown datatype, a list without values and an attribute without a code are left out', () => {
    const parsed = parseServiceDefinition({ attributes: [{ code: 'x', datatype: 'image' }, { code: 'y', datatype: 'singlevaluelist', values: [] }, { datatype: 'string' }] })
    expect(parsed).toEqual([])
  })

  test('a definition wrapped in an array is read too', () => {
    expect(parseServiceDefinition([DEFINITION])).toHaveLength(7)
  })
})

describe('validateAnswers', () => {
  test('valid answers give no errors', () => {
    expect(validateAnswers(questions, { ...VALID, count: '2', since: '2026-11-21T20:00:00+08:00', more: '很久了', hazards: ['wire'] })).toEqual({})
  })

  test('a required text missing is asked for', () => {
    expect(validateAnswers(questions, { kind: 'off' })).toEqual({ 'attribute.pole': '请填写“灯杆编号”' })
  })

  test('a required list missing is asked to be chosen', () => {
    expect(validateAnswers(questions, { pole: 'A-17', kind: '' })).toEqual({ 'attribute.kind': '请选择“故障情况”' })
  })

  test('an option not in the list is refused', () => {
    expect(validateAnswers(questions, { ...VALID, kind: 'broken' })['attribute.kind']).toBe('“故障情况”的选项无效，请重新选择')
  })

  test('a multi value list refuses a key not in the list', () => {
    expect(validateAnswers(questions, { ...VALID, hazards: ['wire', 'fire'] })['attribute.hazards']).toBe('“隐患”的选项无效，请重新选择')
  })

  test('a number must be a number', () => {
    expect(validateAnswers(questions, { ...VALID, count: '三' })['attribute.count']).toBe('“几盏灯”请填写数字')
  })

  test('a datetime must be a date and time', () => {
    expect(validateAnswers(questions, { ...VALID, since: '昨天' })['attribute.since']).toBe('“开始时间”请填写正确的日期和时间')
  })

  test('a string over 200 characters is refused with its length', () => {
    expect(validateAnswers(questions, { ...VALID, pole: '号'.repeat(201) })['attribute.pole']).toBe('“灯杆编号”不能超过200个字（现在201个字）')
  })

  test('optional questions left blank are fine', () => {
    expect(validateAnswers(questions, { ...VALID, count: ' ', hazards: [] })).toEqual({})
  })

  test('information-only attributes are never checked', () => {
    const info: Question = { ...questions[0], required: true }
    expect(validateAnswers([info], {})).toEqual({})
  })
})
