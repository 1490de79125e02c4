import type { Category } from '../../../../types/domain'
import { REPORT_STATUSES } from '../../../../src/domain/report-status'
import { basicStatusOf, EXTENDED_STATUS, georeportTime, maskMobiles, requestOut, servicesOut, statusesNamed, statusOut, type ServedReport } from '../../../../src/domain/open311/serve'
import { readRequestQuery } from '../../../../src/domain/open311/serve-query'
import { POINT_NAME, readSubmission, specErrorsOf } from '../../../../src/domain/open311/serve-submit'
import { linliStatusOf } from '../../../../src/domain/open311/statuses'
import { instantOrNull } from '../../../../src/domain/open311/values'
import { toGeoReportXml } from '../../../../src/domain/open311/xml'

/** The server's side of GeoReport v2 (ADR 27): Linli's reports as GeoReport answers, and GeoReport's arguments as Linli's. */

describe('statuses', () => {
  it('writes each Linli status as the mySociety extended status statuses.ts reads back', () => {
    expect(EXTENDED_STATUS).toEqual({
      submitted: 'open',
      accepted: 'investigating',
      in_progress: 'in_progress',
      transferred: 'internal_referral',
      resolved: 'fixed',
      closed: 'closed',
      rejected: 'not_councils_responsibility',
      merged: 'duplicate',
      reopened: 'reopen',
    })
    // The inverse of the client's mapping; only `closed` reads back as resolved (已办结: a city system has no rating, ADR 26).
    for (const status of REPORT_STATUSES) expect(linliStatusOf(EXTENDED_STATUS[status])).toBe(status === 'closed' ? 'resolved' : status)
  })

  it('folds them into open/closed unless the extension is asked for', () => {
    const closed = REPORT_STATUSES.filter((s) => basicStatusOf(s) === 'closed')
    expect([...closed].sort()).toEqual(['closed', 'merged', 'rejected', 'resolved'])
    expect(statusOut('transferred', false)).toBe('open')
    expect(statusOut('transferred', true)).toBe('internal_referral')
    expect(statusOut('resolved', false)).toBe('closed')
  })

  it('reads a status filter: the families always, extended names only with the extension', () => {
    expect(statusesNamed('closed', false)).toEqual(['resolved', 'closed', 'rejected', 'merged'])
    expect(statusesNamed(' OPEN ', false)).toEqual(['submitted', 'accepted', 'in_progress', 'transferred', 'reopened'])
    expect(statusesNamed('fixed', false)).toBeNull()
    expect(statusesNamed('fixed', true)).toEqual(['resolved'])
    expect(statusesNamed('pending', true)).toBeNull()
  })
})

describe('texts and times', () => {
  it('masks 11-digit mobile numbers, not other digits', () => {
    expect(maskMobiles('请打13812345678或15900001111，门牌12345678901')).toBe('请打138****5678或159****1111，门牌12345678901')
    expect(maskMobiles('编号213812345678')).toBe('编号213812345678')
    expect(maskMobiles('3号楼201')).toBe('3号楼201')
  })

  it('writes an instant in Beijing time with its offset, the same instant', () => {
    expect(georeportTime('2026-11-21T08:30:15.123Z')).toBe('2026-11-21T16:30:15+08:00')
    expect(georeportTime('2026-11-21T20:00:00.000Z')).toBe('2026-11-22T04:00:00+08:00')
    expect(georeportTime('2026-11-21T08:30:15.000Z', 0)).toBe('2026-11-21T08:30:15Z')
    expect(instantOrNull(georeportTime('2026-11-21T20:00:00.000Z'))).toBe('2026-11-21T20:00:00.000Z')
  })
})

const served = (over: Partial<ServedReport> = {}): ServedReport => ({
  number: 'YY-20261121-0007',
  status: 'accepted',
  categoryId: 'cat-road',
  categoryName: '道路破损',
  description: '南门口有坑，电话13800000001',
  location: { kind: 'point', latitude: 31.59, longitude: 120.37, name: '映月社区南门', address: '东亭街道映月路1号' },
  heldFromPublic: false,
  createdAt: '2026-11-21T00:00:00.000Z',
  updatedAt: '2026-11-21T02:00:00.000Z',
  deadlineAt: '2026-11-24T00:00:00.000Z',
  agency: '映月社区 第一网格',
  statusNote: '已安排，联系13900000002',
  ...over,
})

describe('a request out', () => {
  it('writes every field of the spec’s table, in its order, with phones masked', () => {
    const out = requestOut(served(), true)
    expect(Object.keys(out)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ])
    expect(out).toMatchObject({
      service_request_id: 'YY-20261121-0007',
      status: 'investigating',
      status_notes: '已安排，联系139****0002',
      description: '南门口有坑，电话138****0001',
      requested_datetime: '2026-11-21T08:00:00+08:00',
      expected_datetime: '2026-11-24T08:00:00+08:00',
      address: '映月社区南门 东亭街道映月路1号',
      lat: 31.59,
      long: 120.37,
      media_url: null,
    })
  })

  it('hides a held text, has no deadline once closed, and no point for a text address', () => {
    const out = requestOut(served({ heldFromPublic: true, status: 'merged', location: { kind: 'text', address: '3号楼门口' }, statusNote: null }), false)
    expect(out).toMatchObject({ description: null, status: 'closed', expected_datetime: null, address: '3号楼门口', lat: null, long: null, status_notes: null })
  })
})

describe('services out', () => {
  const categories: Category[] = [
    { id: 'cat-road', name: '道路破损', guidance: '请拍下破损位置', deadlineHours: 72 },
    { id: 'cat-other', name: '其他', guidance: '  ', deadlineHours: 120 },
    { id: 'cat-fire', name: '火情', guidance: '', deadlineHours: 1, emergency: { phone: '119', message: '请立即拨打119' } },
  ]
  it('leaves emergencies out; each is realtime without metadata', () => {
    expect(servicesOut(categories)).toEqual([
      { service_code: 'cat-road', service_name: '道路破损', description: '请拍下破损位置', metadata: false, type: 'realtime', keywords: null, group: null },
      { service_code: 'cat-other', service_name: '其他', description: null, metadata: false, type: 'realtime', keywords: null, group: null },
    ])
  })
})

describe('GET requests arguments', () => {
  const now = new Date('2026-11-21T00:00:00.000Z')
  it('defaults to the 90 days up to now, and lets service_request_id override the rest', () => {
    expect(readRequestQuery({}, now)).toEqual({ query: { numbers: null, categoryIds: [], statuses: null, from: '2026-08-23T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', extensions: false } })
    const read = readRequestQuery({ service_request_id: 'a, b', service_code: 'cat-road,cat-light', status: 'closed', extensions: 'true', end_date: '2026-11-01T08:00:00+08:00' }, now)
    expect(read).toEqual({ query: { numbers: ['a', 'b'], categoryIds: ['cat-road', 'cat-light'], statuses: ['resolved', 'closed', 'rejected', 'merged'], from: '2026-08-03T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', extensions: true } })
  })

  it('refuses bad dates, an end before the start and unknown statuses, all at once, in Chinese', () => {
    const read = readRequestQuery({ start_date: 'x', end_date: '2026-02-30T00:00:00Z', status: 'open,nope' }, now)
    expect('errors' in read && read.errors.map((e) => e.description)).toEqual([expect.stringContaining('start_date 不是有效的时间'), expect.stringContaining('end_date 不是有效的时间'), expect.stringContaining('status 只能是')])
    expect(readRequestQuery({ start_date: '2026-11-02T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }, now)).toEqual({ errors: [{ code: 400, description: 'start_date 不能晚于 end_date' }] })
  })
})

describe('POST requests fields', () => {
  it('reads a point, or an address, as a Linli report; keeps only the account id to echo', () => {
    expect(readSubmission({ service_code: 'cat-road', lat: '31.5', long: '120.3', description: '路面有坑', email: 'a@b.c', phone: '13800000001', account_id: 'x1' })).toEqual({
      submission: { input: { categoryId: 'cat-road', description: '路面有坑', photoIds: [], location: { kind: 'point', latitude: 31.5, longitude: 120.3, name: POINT_NAME, address: '' }, anonymous: false }, accountId: 'x1' },
    })
    expect(readSubmission({ service_code: 'cat-road', address_string: '南门口', description: '路面有坑' })).toMatchObject({ submission: { input: { location: { kind: 'text', address: '南门口' } }, accountId: null } })
  })

  it('refuses a missing service, a bad or missing location and attributes, all at once', () => {
    const read = readSubmission({ lat: '91', long: '120', 'attribute[pole]': '12' })
    expect('errors' in read && read.errors.map((e) => e.description)).toEqual([expect.stringContaining('service_code'), expect.stringContaining('lat/long'), expect.stringContaining('attribute')])
    expect(readSubmission({ service_code: 'x', address_id: '7' })).toEqual({ errors: [{ code: 400, description: '本系统不使用 address_id，请提供 lat/long 或 address_string' }] })
    // An empty attribute answer is no answer.
    expect('submission' in readSubmission({ service_code: 'x', address_string: '南门口', 'attribute[pole]': '' })).toBe(true)
  })

  it('names the GeoReport argument of each of Linli’s field errors', () => {
    expect(specErrorsOf({ categoryId: '问题类型不存在', location: '请填写详细地址' })).toEqual([
      { code: 400, description: 'service_code：问题类型不存在' },
      { code: 400, description: 'lat/long 或 address_string：请填写详细地址' },
    ])
  })
})

describe('XML', () => {
  it('writes lists as items, null as an empty element, and escapes text', () => {
    expect(toGeoReportXml('service_requests', [{ service_request_id: 'YY-1', status_notes: null, description: '<b>&"\'\u0001' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>YY-1</service_request_id><status_notes></status_notes><description>&lt;b&gt;&amp;&quot;&apos;</description></request></service_requests>',
    )
    expect(toGeoReportXml('errors', [{ code: 403, description: '无效' }])).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>无效</description></error></errors>')
  })
})
