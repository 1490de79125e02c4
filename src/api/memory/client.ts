import type { ApiClient } from '../client'
import { unsupported } from '../capabilities'
import { ApiError } from '../errors'
import type { KeyValueStorage } from '../../platform/storage'
import type { NetworkStatus } from '../../platform/network'
import { MemoryBackend, type RawMoveInput } from './backend'
import type { ReportMove } from '../../domain/report-status'

const TOKEN_KEY = 'linli.mem.token'

export interface MemoryClientOptions {
  backend: MemoryBackend
  /** Where this client keeps its own session token (one per device/browser context). */
  storage: KeyValueStorage
  network?: NetworkStatus
  /** Simulated round trip, so the app shows its loading states on the demo backend too. */
  latencyMs?: number
  /**
   * Fault injection for tests: called around every request with its name. Throwing from `before`
   * fails the request before the backend sees it; from `after`, the backend has acted but the
   * answer is lost — exactly a timeout after the server committed.
   */
  faults?: { before?(op: string): void; after?(op: string): void }
}

/**
 * The memory adapter: the ApiClient port over an in-app MemoryBackend. It behaves like a remote
 * server: it fails with `network` while the device is offline, and every answer is a copy.
 */
export function createMemoryClient(options: MemoryClientOptions): ApiClient {
  const { backend, storage, network, latencyMs = 0, faults } = options
  const token = () => storage.get(TOKEN_KEY)

  async function call<T>(op: string, run: () => T): Promise<T> {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    if (network && !network.isOnline()) throw new ApiError('network')
    faults?.before?.(op)
    const result = run()
    faults?.after?.(op)
    // A copy, as JSON over a wire would be: callers can never mutate the backend's state.
    return result === undefined ? result : (JSON.parse(JSON.stringify(result)) as T)
  }

  const move = (name: ReportMove) => (id: string, input: RawMoveInput = {}) =>
    call(`handling.${name}`, () => backend.move(token(), id, name, input))

  return {
    mode: 'memory',
    capabilities: {
      demoSignIn: true,
      wechatSignIn: false,
      reports: true,
      photoUpload: true,
      meToo: true,
      handling: true,
      messages: true,
      notices: true,
      conventions: false,
      services: false,
      dashboard: true,
    },
    session: {
      listDemoAccounts: () => call('session.listDemoAccounts', () => backend.listDemoAccounts()),
      signInDemo: (userId) =>
        call('session.signInDemo', () => {
          const session = backend.signInDemo(userId)
          storage.set(TOKEN_KEY, session.token)
          return session
        }),
      signInWithWeChat: () => Promise.reject(new ApiError('not_supported', '演示后端不支持微信登录，请选择演示账号')),
      // Restoring works offline: the session lives on this device.
      current: async () => backend.session(token()),
      signOut: async () => {
        backend.signOut(token())
        storage.remove(TOKEN_KEY)
      },
    },
    directory: {
      getCommunity: () => call('directory.getCommunity', () => backend.getCommunity(token())),
    },
    media: {
      uploadPhoto: (photo) => call('media.uploadPhoto', () => backend.uploadPhoto(token(), photo)),
    },
    reports: {
      submit: (input, { idempotencyKey }) => call('reports.submit', () => backend.submitReport(token(), input, idempotencyKey)),
      listMine: (query) => call('reports.listMine', () => backend.listMine(token(), query)),
      get: (id) => call('reports.get', () => backend.getReport(token(), id)),
      rate: (id, rating) => call('reports.rate', () => backend.move(token(), id, 'rate', { rating })),
      meToo: (id) => call('reports.meToo', () => backend.meToo(token(), id)),
      listPublic: (query) => call('reports.listPublic', () => backend.listPublic(token(), query)),
    },
    handling: {
      listInbox: (query) => call('handling.listInbox', () => backend.listInbox(token(), query)),
      accept: move('accept'),
      reject: move('reject'),
      assign: move('assign'),
      transfer: move('transfer'),
      progress: move('progress'),
      resolve: move('resolve'),
      merge: move('merge'),
      escalate: move('escalate'),
      close: move('close'),
      submitOnBehalf: (input, { idempotencyKey }) =>
        call('handling.submitOnBehalf', () => backend.submitOnBehalf(token(), input, idempotencyKey)),
      listReplyTemplates: () => call('handling.listReplyTemplates', () => backend.listReplyTemplates(token())),
    },
    messages: {
      listThreads: () => call('messages.listThreads', () => backend.listThreads(token())),
      listMessages: (threadId, query) => call('messages.listMessages', () => backend.listMessages(token(), threadId, query)),
      send: (to, body) => call('messages.send', () => backend.sendMessage(token(), to, body)),
      markRead: (threadId) => call('messages.markRead', () => backend.markThreadRead(token(), threadId)),
      unreadCount: () => call('messages.unreadCount', () => backend.unreadMessages(token())),
    },
    notices: {
      list: (query) => call('notices.list', () => backend.listNotices(token(), query)),
      get: (id) => call('notices.get', () => backend.getNotice(token(), id)),
      publish: (input) => call('notices.publish', () => backend.publishNotice(token(), input)),
      markRead: (id) => call('notices.markRead', () => backend.markNoticeRead(token(), id)),
      receipts: (id) => call('notices.receipts', () => backend.noticeReceipts(token(), id)),
      unreadCount: () => call('notices.unreadCount', () => backend.unreadNotices(token())),
    },
    conventions: unsupported('公约与议事'),
    services: unsupported('服务预约'),
    dashboard: {
      get: (range) => call('dashboard.get', () => backend.getDashboard(token(), range)),
    },
  }
}
