import type { Session, User } from '../../../types/domain'
import type { NetworkStatus } from '../../platform/network'
import type { KeyValueStorage } from '../../platform/storage'
import { unsupported } from '../capabilities'
import type { ApiClient } from '../client'
import { catalogue } from './catalogue'
import { open311Reports } from './reports'
import { requester } from './requester'
import { StateFile } from './state'
import { taroTextTransport, type TextTransport } from './transport'

export interface Open311ClientOptions {
  /** The GeoReport v2 endpoint, e.g. `https://city.example.gov/open311/v2` (`.json` is added per call). */
  baseUrl: string
  /** The key the city system issued to this community's Linli. */
  apiKey: string
  jurisdictionId?: string
  /** Where reports go, as the form says it: the city system's name (default 城市服务平台). */
  name?: string
  storage: KeyValueStorage
  network?: NetworkStatus
  /** Defaults to `taroTextTransport()`. */
  transport?: TextTransport
  now?: () => Date
  /** Per request; default 15 s: a server that never answers fails with a clear message after it. */
  timeoutMs?: number
  /** A request is asked about again no sooner than this; default 60 s. */
  pollIntervalMs?: number
  /** The service list and definitions are used this long before being asked again; default 1 h. */
  catalogueMaxAgeMs?: number
  /** GeoReport has no deadlines: a category's 限时办结 (default a week) until `expected_datetime` says. */
  deadlineHours?: number
  /** A token is asked for its id this many times right after a submission (default 5, 2 s apart). */
  tokenPolls?: number
  tokenWaitMs?: number
  sleep?: (ms: number) => Promise<void>
}

/** The id of the one "community" an Open311 build serves: the city system it reports to. */
export const OPEN311_COMMUNITY_ID = 'open311'

/** What the phone's resident is called: GeoReport has no names (首页 greets 居民，您好). */
const RESIDENT = '居民'

/** Who uses the app: GeoReport has no accounts, so it is this phone, a resident (ADR 28). */
function deviceUser(deviceId: string): User {
  return { id: deviceId, name: RESIDENT, phoneMasked: '', roles: ['resident'], communityId: OPEN311_COMMUNITY_ID, gridIds: [], leadsBuildingIds: [] }
}

/**
 * The ApiClient port over a city's Open311 GeoReport v2 system (ADR 26, 28): the report part only —
 * categories, extra questions, filing, following — and `capabilities` saying everything else is
 * missing, so screens hide it. The mapping rules are src/domain/open311's.
 */
export function createOpen311Client(options: Open311ClientOptions): ApiClient {
  const now = options.now ?? (() => new Date())
  const network = options.network
  const isOffline = () => network !== undefined && !network.isOnline()
  const file = new StateFile(options.storage, options.baseUrl, options.jurisdictionId)
  const http = requester({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    jurisdictionId: options.jurisdictionId,
    transport: options.transport ?? taroTextTransport(),
    timeoutMs: options.timeoutMs ?? 15_000,
    isOffline,
    now,
  })
  const deadlineHours = options.deadlineHours ?? 168
  const services = catalogue(http, file, { deadlineHours, maxAgeMs: options.catalogueMaxAgeMs ?? 3_600_000, now })
  const name = options.name?.trim() || '城市服务平台'
  const session = (): Session => {
    const deviceId = file.read().deviceId
    return { token: deviceId, user: deviceUser(deviceId), expiresAt: '9999-12-31T00:00:00.000Z' }
  }
  const viewer = () => ({ id: file.read().deviceId, name: RESIDENT })

  return {
    mode: 'open311',
    capabilities: {
      demoSignIn: false,
      wechatSignIn: false,
      reports: true,
      photoUpload: false,
      meToo: false,
      handling: false,
      messages: false,
      notices: false,
      conventions: false,
      services: false,
      dashboard: false,
      membership: false,
      moderation: false,
      audit: false,
    },
    session: {
      listDemoAccounts: async () => [],
      signInDemo: async () => session(),
      signInWithWeChat: async () => session(),
      // No accounts: the phone is who reports, from the first launch on.
      current: async () => session(),
      signOut: async () => undefined,
    },
    directory: {
      async getCommunity() {
        const { categories } = await services.services()
        return {
          community: { id: OPEN311_COMMUNITY_ID, name, kind: 'community', district: '', streetId: '', streetName: '' },
          grids: [],
          buildings: [],
          departments: [],
          categories,
          handlers: [],
        }
      },
    },
    media: unsupported('上传照片'),
    reports: open311Reports(http, file, services, viewer, {
      apiKey: options.apiKey,
      jurisdictionId: options.jurisdictionId,
      communityId: OPEN311_COMMUNITY_ID,
      deadlineHours,
      pollIntervalMs: options.pollIntervalMs ?? 60_000,
      tokenPolls: options.tokenPolls ?? 5,
      tokenWaitMs: options.tokenWaitMs ?? 2_000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now,
    }),
    handling: unsupported('诉求办理'),
    messages: unsupported('留言'),
    notices: unsupported('通知公告'),
    conventions: unsupported('公约议事'),
    services: unsupported('服务预约'),
    dashboard: unsupported('数据看板'),
    communities: unsupported('社区'),
    households: unsupported('住户认证'),
    invites: unsupported('邀请'),
    people: unsupported('人员管理'),
    profile: unsupported('个人资料'),
    admin: unsupported('社区管理'),
    moderation: unsupported('内容审核'),
    audit: unsupported('操作记录'),
  }
}
