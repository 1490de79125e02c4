import { idFilter, open311Url, pageQuery, parseRequest, parseRequests, requestById } from '../../../../src/domain/open311/requests'

const SPEC_REQUEST = {
  service_request_id: '638344',
  status: 'closed',
  status_notes: 'Duplicate request.',
  service_name: 'Sidewalk and Curb Issues',
  service_code: '006',
  description: null,
  agency_responsible: null,
  service_notice: null,
  requested_datetime: '2010-04-14T06:37:38-08:00',
  updated_datetime: '2010-04-14T06:37:38-08:00',
  expected_datetime: '2010-04-15T06:37:38-08:00',
  address: '8TH AVE and JUDAH ST',
  address_id: '545483',
  zipcode: '94122',
  lat: 37.762221815,
  long: -122.4651145,
  media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
}

test("a request in the spec's own example is read in full", () => {
  expect(parseRequest([SPEC_REQUEST])).toEqual({
    id: '638344',
    status: 'closed',
    statusNotes: 'Duplicate request.',
    serviceCode: '006',
    serviceName: 'Sidewalk and Curb Issues',
    description: null,
    agencyResponsible: null,
    serviceNotice: null,
    requestedAt: '2010-04-14T14:37:38.000Z',
    updatedAt: '2010-04-14T14:37:38.000Z',
    expectedAt: '2010-04-15T14:37:38.000Z',
    address: '8TH AVE and JUDAH ST',
    latitude: 37.762221815,
    longitude: -122.4651145,
    mediaUrl: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
  })
})

test('the status is lower-cased and spaces become underscores', () => {
  expect(parseRequest({ ...SPEC_REQUEST, status: 'In Progress' })?.status).toBe('in_progress')
})

test('a missing status is read as open', () => {
  const { status: _status, ...rest } = SPEC_REQUEST
  expect(parseRequest(rest)?.status).toBe('open')
})

test('an unknown status is kept as it came', () => {
  expect(parseRequest({ ...SPEC_REQUEST, status: 'awaiting_parts' })?.status).toBe('awaiting_parts')
})

test('lat and long as texts are read as numbers', () => {
  expect(parseRequest({ ...SPEC_REQUEST, lat: '37.76', long: '-122.46' })).toMatchObject({ latitude: 37.76, longitude: -122.46 })
})

test('a row without an id is no request', () => {
  expect(parseRequest({ ...SPEC_REQUEST, service_request_id: null })).toBeNull()
})

test('a list skips rows without an id and keeps the rest', () => {
  expect(parseRequests([SPEC_REQUEST, { status: 'open' }, 'x']).map((r) => r.id)).toEqual(['638344'])
})

test('requestById finds the asked id in the answer', () => {
  expect(requestById('638344', 200, [SPEC_REQUEST])?.id).toBe('638344')
})

test('requestById: a server answering another request for the id is "not there"', () => {
  expect(requestById('1', 200, [SPEC_REQUEST])).toBeNull()
})

test('idFilter joins ids with commas, each once', () => {
  expect(idFilter(['1', ' 2 ', '1', ''])).toBe('1,2')
})

test('open311Url always adds .json, with jurisdiction_id first and the query encoded', () => {
  expect(open311Url('https://city.example/open311/v2/', 'requests', { service_request_id: '1,2', status: undefined }, 'city.example')).toBe(
    'https://city.example/open311/v2/requests.json?jurisdiction_id=city.example&service_request_id=1%2C2',
  )
})

test('open311Url replaces an .xml suffix and encodes nothing when there is no query', () => {
  expect(open311Url('https://c/x', '/services/a.xml')).toBe('https://c/x/services/a.json')
})

test('pageQuery asks for a page only where paging is offered', () => {
  expect(pageQuery(2, 50, true)).toEqual({ page: '2', page_size: '50' })
  expect(pageQuery(2, 50, false)).toEqual({})
})
