import { parseServiceDefinition } from '../../../../src/domain/open311/definition'
import { DESCRIPTION_MAX, encodeForm, parseSubmitAnswer, plainDescription, reportBody, reportFields, type ReportSubmission } from '../../../../src/domain/open311/submit'

const questions = parseServiceDefinition({
  attributes: [
    { code: 'pole', datatype: 'string', order: 1, description: '灯杆编号' },
    { code: 'hazards', datatype: 'multivaluelist', order: 2, description: '隐患', values: [{ key: 'wire', name: '电线' }, { key: 'dark', name: '太黑' }] },
    { code: 'info', datatype: 'string', variable: false, description: '说明' },
  ],
})

const BASE: ReportSubmission = {
  serviceCode: 'light',
  location: { kind: 'point', latitude: 31.2304, longitude: 121.4737, name: '幸福小区', address: '幸福路 12 号' },
  description: '路灯不亮',
  questions,
  answers: { pole: 'A-17', hazards: ['wire', 'dark'] },
  apiKey: 'k-1',
}

const fieldsOf = (submission: Partial<ReportSubmission>) => reportFields({ ...BASE, ...submission })

test('the body starts with api_key and service_code', () => {
  expect(fieldsOf({}).slice(0, 2)).toEqual([
    ['api_key', 'k-1'],
    ['service_code', 'light'],
  ])
})

test('jurisdiction_id is sent when configured', () => {
  expect(fieldsOf({ jurisdictionId: 'city' })).toContainEqual(['jurisdiction_id', 'city'])
})

test('a point is sent as lat and long, with its name and address as address_string', () => {
  const fields = fieldsOf({})
  expect(fields).toContainEqual(['lat', '31.2304'])
  expect(fields).toContainEqual(['long', '121.4737'])
  expect(fields).toContainEqual(['address_string', '幸福小区 幸福路 12 号'])
})

test('a typed address is sent as address_string alone', () => {
  const fields = fieldsOf({ location: { kind: 'text', address: ' 3号楼2单元门口 ' } })
  expect(fields.filter(([k]) => ['lat', 'long', 'address_string'].includes(k))).toEqual([['address_string', '3号楼2单元门口']])
})

test('a single value is attribute[code]', () => {
  expect(fieldsOf({})).toContainEqual(['attribute[pole]', 'A-17'])
})

test('a multi value list is attribute[code][] once per key', () => {
  expect(fieldsOf({}).filter(([k]) => k === 'attribute[hazards][]')).toEqual([
    ['attribute[hazards][]', 'wire'],
    ['attribute[hazards][]', 'dark'],
  ])
})

test('unanswered questions and information attributes are not sent', () => {
  const keys = fieldsOf({ answers: { pole: ' ', info: 'x' } }).map(([k]) => k)
  expect(keys.filter((k) => k.startsWith('attribute'))).toEqual([])
})

test('media_url, device_id and account_id are sent only when given', () => {
  expect(fieldsOf({}).map(([k]) => k)).not.toEqual(expect.arrayContaining(['media_url']))
  expect(fieldsOf({ mediaUrl: 'https://x/1.jpg', deviceId: 'd', accountId: 'a' }).slice(-3)).toEqual([
    ['media_url', 'https://x/1.jpg'],
    ['device_id', 'd'],
    ['account_id', 'a'],
  ])
})

test('the description is cut to 4,000 characters, counting a CJK character or an emoji as one', () => {
  const text = plainDescription('😀'.repeat(DESCRIPTION_MAX + 10))
  expect(Array.from(text)).toHaveLength(DESCRIPTION_MAX)
  expect(text.endsWith('😀')).toBe(true)
})

test('the description is plain text: tags and control characters removed, blanks folded', () => {
  expect(plainDescription('<b>路灯</b>\u0007不亮\r\n\r\n\r\n\r\n已经三天')).toBe('路灯 不亮\n\n已经三天')
})

test('a < that starts no tag is kept as text', () => {
  expect(plainDescription('水温<5度，水压>3')).toBe('水温<5度，水压>3')
})

test('the body is form-encoded, brackets escaped, spaces as +', () => {
  expect(encodeForm([['attribute[a][]', 'x y'], ['d', '灯&坑']])).toBe('attribute%5Ba%5D%5B%5D=x+y&d=%E7%81%AF%26%E5%9D%91')
})

test('the encoded body reads back as the same fields', () => {
  const parsed = [...new URLSearchParams(reportBody(BASE))]
  expect(parsed).toEqual(reportFields(BASE))
})

describe('parseSubmitAnswer', () => {
  test("the spec's short answer gives the id and the notice", () => {
    expect(parseSubmitAnswer([{ service_request_id: '1001', service_notice: '三日内处理', account_id: null }])).toEqual({ kind: 'id', id: '1001', notice: '三日内处理' })
  })

  test('an integer id is read as its digits', () => {
    expect(parseSubmitAnswer([{ service_request_id: 1001 }])).toEqual({ kind: 'id', id: '1001', notice: null })
  })

  test('a full request instead of the short object gives its id', () => {
    expect(parseSubmitAnswer([{ service_request_id: '7', status: 'open', service_code: 'light', description: '路灯' }])).toMatchObject({ kind: 'id', id: '7' })
  })

  test('an object instead of an array is read the same', () => {
    expect(parseSubmitAnswer({ service_request_id: '7' })).toMatchObject({ kind: 'id', id: '7' })
  })

  test('a token instead of an id is a token to follow', () => {
    expect(parseSubmitAnswer([{ token: 'abc', service_notice: '' }])).toEqual({ kind: 'token', token: 'abc', notice: null })
  })

  test('an id of "" with a token is still a token', () => {
    expect(parseSubmitAnswer([{ service_request_id: '', token: 'abc' }])).toMatchObject({ kind: 'token', token: 'abc' })
  })

  test('a token answer that became an id gives the id', () => {
    expect(parseSubmitAnswer([{ service_request_id: 1001, token: 'abc' }])).toMatchObject({ kind: 'id', id: '1001' })
  })

  test('an answer with neither is none (a blackbox service)', () => {
    expect(parseSubmitAnswer([])).toEqual({ kind: 'none', notice: null })
  })
})
