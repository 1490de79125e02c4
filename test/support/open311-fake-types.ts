import type { NullStyle } from './open311-fake-format'

/** The shapes and defaults of the GeoReport v2 fake (open311-fake.ts, ADR 26). */

export interface FakeAttribute {
  code: string
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  description: string
  required?: boolean
  order?: number
  variable?: boolean
  datatype_description?: string
  values?: Array<{ key: string; name: string }>
}

export interface FakeService {
  service_code: string
  service_name: string
  description?: string
  type?: 'realtime' | 'batch' | 'blackbox'
  /** Comma-separated, as the spec has it. */
  keywords?: string
  group?: string
  /** A definition makes `metadata: true`. */
  attributes?: FakeAttribute[]
}

/** The statuses of the spec and of mySociety's extension; the latter are written as open/closed unless switched on. */
export const CLOSED_FAMILY = ['closed', 'fixed', 'duplicate', 'not_councils_responsibility', 'no_further_action', 'unable_to_fix', 'internal_referral']
export const OPEN_FAMILY = ['open', 'in_progress', 'action_scheduled', 'investigating', 'reopen']
export type FakeStatus = string

export interface FakeRequest {
  id: number
  token: string
  serviceCode: string
  status: FakeStatus
  statusNotes: string | null
  description: string | null
  address: string | null
  lat: number | null
  long: number | null
  mediaUrl: string | null
  deviceId: string | null
  accountId: string | null
  agency: string | null
  attributes: Record<string, string | string[]>
  requestedAt: Date
  updatedAt: Date
  expectedAt: Date | null
}

/** How the fake deviates from the spec; the defaults are the spec. */
export interface Open311Switches {
  /** `service_request_id` as a JSON number instead of a string. */
  idsAsIntegers: boolean
  /** The HTTP status of a successful POST. */
  postStatus: 200 | 201
  /** POST answered with the spec's short object, or with the full request. */
  postAnswer: 'short' | 'full'
  /** How an empty optional field is written. */
  nulls: NullStyle
  /** `requests/{id}` of an unknown id: a 404 with the spec's error, or a 200 with `[]`. */
  unknownId: 404 | 'empty'
  /** Errors as the spec's array, as an object (`{error: {code, description}}`), or as an HTML page with a 500. */
  errors: 'spec' | 'object' | 'html'
  /** The status a missing or wrong `api_key` gets. */
  keyRefusal: 400 | 403
  /** The offset of every timestamp written (minutes from UTC: 480 is +08:00, -300 is -05:00). */
  offsetMinutes: number
  fractionDigits: 0 | 3 | 6
  /** Every request is read and never answered (the socket stays open). */
  silent: boolean
  /** `page`/`page_size` honoured on GET requests.json, or null: no paging (up to 1,000, params ignored). */
  paging: { pageSize: number; maxPageSize: number } | null
  /** POST answers a token; `tokens/{token}` answers without an id this many times, then with it. Off: false. */
  tokenFirst: false | { pendingPolls: number }
  /** Write mySociety's extended statuses instead of folding them into open/closed. */
  extendedStatuses: boolean
  /** Offer mySociety's `servicerequestupdates` (every `move` is an update); off: that path is a 404. */
  updates: boolean
}

export const SPEC_SWITCHES: Open311Switches = {
  idsAsIntegers: false,
  postStatus: 201,
  postAnswer: 'short',
  nulls: 'null',
  unknownId: 404,
  errors: 'spec',
  keyRefusal: 403,
  offsetMinutes: 0,
  fractionDigits: 0,
  silent: false,
  paging: null,
  tokenFirst: false,
  extendedStatuses: false,
  updates: false,
}

export interface ReceivedCall {
  method: string
  path: string
  query: URLSearchParams
  body: string
}

export interface Open311FakeOptions {
  apiKeys?: string[]
  /** When set, a request naming another `jurisdiction_id` gets a 404. */
  jurisdictionId?: string
  services?: FakeService[]
  switches?: Partial<Open311Switches>
  /** The server's clock (default: the real one). */
  now?: () => Date
  /** The path the API is served under (default `/georeport/v2`). */
  prefix?: string
  /** A fixed port (an app build names its endpoint at build time); default: an ephemeral one. */
  port?: number
}

export interface Open311Fake {
  /** The base URL a client is configured with, e.g. `http://127.0.0.1:41234/georeport/v2`. */
  url: string
  apiKey: string
  switches: Open311Switches
  /** Switch deviations on or off (the others keep their value). */
  set(switches: Partial<Open311Switches>): void
  /** Replace the service list. */
  seedServices(services: FakeService[]): void
  /** Add a request as if posted earlier; answers its id. */
  seedRequest(request: Partial<FakeRequest> & { serviceCode: string }): string
  /** Move a request as the city's staff would: status (spec or extended), notes, expected time. */
  move(id: string, status: FakeStatus, notes?: string | null, expectedAt?: Date | null): void
  /** The city's system forgets a request (a purge, a restore from an older backup). */
  forget(id: string): void
  requests(): readonly FakeRequest[]
  /** Every call received, in order. */
  received: ReceivedCall[]
  close(): Promise<void>
}

export const DEMO_SERVICES: FakeService[] = [
  { service_code: 'pothole', service_name: '道路坑洼', description: '路面破损、坑洼', group: '道路', keywords: '路面,坑,洞', type: 'realtime' },
  {
    service_code: 'streetlight',
    service_name: '路灯故障',
    description: '路灯不亮或常亮',
    group: '照明',
    keywords: '路灯,灯',
    attributes: [
      { code: 'pole', datatype: 'string', description: '灯杆编号', required: true, order: 1, datatype_description: '灯杆上的白色编号' },
      {
        code: 'kind',
        datatype: 'singlevaluelist',
        description: '故障情况',
        required: true,
        order: 2,
        values: [
          { key: 'off', name: '不亮' },
          { key: 'on', name: '白天常亮' },
          { key: 'flicker', name: '闪烁' },
        ],
      },
      { code: 'count', datatype: 'number', description: '几盏灯', order: 3 },
      { code: 'since', datatype: 'datetime', description: '从什么时候开始', order: 4 },
      { code: 'more', datatype: 'text', description: '补充说明', order: 5 },
      {
        code: 'hazards',
        datatype: 'multivaluelist',
        description: '存在的隐患',
        order: 6,
        values: [
          { key: 'wire', name: '电线外露' },
          { key: 'dark', name: '路段太黑' },
        ],
      },
      { code: 'note', datatype: 'string', description: '夜间抢修电话 12345', variable: false, order: 0 },
    ],
  },
  { service_code: 'graffiti', service_name: '乱涂乱画', group: '市容', keywords: '涂鸦,小广告', type: 'batch' },
]
