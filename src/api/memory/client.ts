import type { ApiClient } from '../client'
import { ApiError } from '../errors'
import type { Caller } from '../../core/context'
import type { RawMoveInput } from '../../core/services/handling'
import type { ReportMove } from '../../domain/report-status'
import type { KeyValueStorage } from '../../platform/storage'
import type { NetworkStatus } from '../../platform/network'
import type { MemoryBackend } from './backend'
import { memoryConventions } from './conventions'
import { MEMORY_CAPABILITIES, TOKEN_KEY } from './identity'
import { memoryServices } from './services'

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
 * The memory adapter: the ApiClient port over the in-app MemoryBackend (the core on device
 * storage). It behaves like a remote server: it fails with `network` while the device is offline,
 * and every answer is a copy.
 */
export function createMemoryClient(options: MemoryClientOptions): ApiClient {
  const { backend, storage, network, latencyMs = 0, faults } = options
  const { core } = backend
  const token = () => storage.get(TOKEN_KEY)

  async function request<T>(op: string, run: () => Promise<T>): Promise<T> {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    if (network && !network.isOnline()) throw new ApiError('network')
    faults?.before?.(op)
    await backend.ready
    const result = await run()
    faults?.after?.(op)
    // A copy, as JSON over a wire would be: callers can never mutate the backend's state.
    return result === undefined ? result : (JSON.parse(JSON.stringify(result)) as T)
  }

  /** A request as the signed-in user. */
  const call = <T>(op: string, run: (caller: Caller) => Promise<T>): Promise<T> =>
    request(op, async () => run(await backend.caller(token())))

  const move = (name: ReportMove) => (id: string, input: RawMoveInput = {}) =>
    call(`handling.${name}`, (caller) => core.handling.move(caller, id, name, input))

  return {
    mode: 'memory',
    capabilities: { ...MEMORY_CAPABILITIES },
    session: {
      listDemoAccounts: () => request('session.listDemoAccounts', () => core.sessions.listDemoAccounts()),
      signInDemo: (userId) =>
        request('session.signInDemo', async () => {
          const session = await core.sessions.signInDemo(userId)
          storage.set(TOKEN_KEY, session.token)
          return session
        }),
      signInWithWeChat: () => Promise.reject(new ApiError('not_supported', '演示后端不支持微信登录，请选择演示账号')),
      // Restoring works offline: the session lives on this device.
      current: async () => {
        await backend.ready
        return core.sessions.authenticate(token())
      },
      signOut: async () => {
        await backend.ready
        await core.sessions.signOut(token())
        storage.remove(TOKEN_KEY)
      },
    },
    directory: {
      getCommunity: () => call('directory.getCommunity', (caller) => core.sessions.community(caller)),
    },
    media: {
      uploadPhoto: (photo) => call('media.uploadPhoto', (caller) => backend.uploadPhoto(caller, photo)),
    },
    reports: {
      submit: (input, { idempotencyKey }) => call('reports.submit', async (caller) => (await core.reports.submit(caller, input, idempotencyKey)).report),
      listMine: (query) => call('reports.listMine', (caller) => core.reports.listMine(caller, query)),
      get: (id) => call('reports.get', (caller) => core.reports.get(caller, id)),
      rate: (id, rating) => call('reports.rate', (caller) => core.handling.move(caller, id, 'rate', { rating })),
      meToo: (id) => call('reports.meToo', (caller) => core.reports.meToo(caller, id)),
      listPublic: (query) => call('reports.listPublic', (caller) => core.reports.listPublic(caller, query)),
      // Linli's own categories ask no extra questions (only an Open311 service definition does).
      questions: async () => [],
    },
    handling: {
      listInbox: (query) => call('handling.listInbox', (caller) => core.handling.inbox(caller, query)),
      accept: move('accept'),
      reject: move('reject'),
      assign: move('assign'),
      transfer: move('transfer'),
      progress: move('progress'),
      resolve: move('resolve'),
      merge: move('merge'),
      escalate: move('escalate'),
      close: move('close'),
      reporterPhone: (id, input) => call('handling.reporterPhone', (caller) => core.handling.reporterPhone(caller, id, input)),
      submitOnBehalf: (input, { idempotencyKey }) =>
        call('handling.submitOnBehalf', async (caller) => (await core.reports.submitOnBehalf(caller, input, idempotencyKey)).report),
      listReplyTemplates: () => call('handling.listReplyTemplates', (caller) => core.handling.replyTemplates(caller)),
    },
    messages: {
      listThreads: () => call('messages.listThreads', (caller) => core.messages.listThreads(caller)),
      listMessages: (threadId, query) => call('messages.listMessages', (caller) => core.messages.listMessages(caller, threadId, query)),
      send: (to, body) => call('messages.send', (caller) => core.messages.send(caller, to, body)),
      markRead: (threadId) => call('messages.markRead', (caller) => core.messages.markRead(caller, threadId)),
      unreadCount: () => call('messages.unreadCount', (caller) => core.messages.unreadCount(caller)),
    },
    notices: {
      list: (query) => call('notices.list', (caller) => core.notices.list(caller, query)),
      listSent: (query) => call('notices.listSent', (caller) => core.notices.listSent(caller, query)),
      get: (id) => call('notices.get', (caller) => core.notices.get(caller, id)),
      publish: (input) => call('notices.publish', (caller) => core.notices.publish(caller, input)),
      markRead: (id) => call('notices.markRead', (caller) => core.notices.markRead(caller, id)),
      receipts: (id) => call('notices.receipts', (caller) => core.notices.receipts(caller, id)),
      unreadCount: () => call('notices.unreadCount', (caller) => core.notices.unreadCount(caller)),
    },
    conventions: memoryConventions(call, core),
    services: memoryServices(call, core),
    dashboard: {
      get: (range, communityId) => call('dashboard.get', (caller) => core.dashboard.get(caller, range, communityId)),
    },
    communities: {
      search: (query) => call('communities.search', (caller) => core.communities.search(caller, query)),
      byCode: (code) => call('communities.byCode', (caller) => core.communities.byCode(caller, code)),
      join: (communityId) => call('communities.join', (caller) => core.communities.join(caller, communityId)),
      listStreet: () => call('communities.listStreet', (caller) => core.communities.streetCommunities(caller)),
      joinCode: () => call('communities.joinCode', (caller) => core.communities.joinCode(caller)),
    },
    households: {
      mine: () => call('households.mine', (caller) => core.households.mine(caller)),
      claim: (input) => call('households.claim', (caller) => core.households.claim(caller, input)),
      withdraw: (claimId) => call('households.withdraw', (caller) => core.households.withdraw(caller, claimId)),
      listClaims: (query) => call('households.listClaims', (caller) => core.households.listClaims(caller, query)),
      approve: (claimId) => call('households.approve', (caller) => core.households.approve(caller, claimId)),
      reject: (claimId, reason) => call('households.reject', (caller) => core.households.reject(caller, claimId, reason)),
      leave: () => call('households.leave', (caller) => core.households.leave(caller)),
      removeMember: (userId, reason) => call('households.removeMember', (caller) => core.households.removeMember(caller, userId, reason)),
      setRepresentative: (userId) => call('households.setRepresentative', (caller) => core.households.setRepresentative(caller, userId)),
    },
    invites: {
      create: (input) => call('invites.create', (caller) => core.invites.create(caller, input)),
      list: () => call('invites.list', (caller) => core.invites.list(caller)),
      cancel: (inviteId) => call('invites.cancel', (caller) => core.invites.cancel(caller, inviteId)),
      qrCode: (inviteId) => call('invites.qrCode', (caller) => core.invites.qrCode(caller, inviteId)),
      redeem: (code) => call('invites.redeem', (caller) => core.invites.redeem(caller, code)),
    },
    people: {
      list: () => call('people.list', (caller) => core.people.list(caller)),
      revokeRole: (userId, role) => call('people.revokeRole', (caller) => core.people.revokeRole(caller, userId, role)),
    },
    profile: {
      get: () => call('profile.get', (caller) => core.profile.get(caller)),
      update: (input) => call('profile.update', (caller) => core.profile.update(caller, input)),
      exportData: () => call('profile.exportData', (caller) => core.profile.exportData(caller)),
      // The account and its sessions are gone: so is the token on this device.
      deleteAccount: () =>
        call('profile.deleteAccount', async (caller) => {
          await core.profile.deleteAccount(caller)
          storage.remove(TOKEN_KEY)
        }),
    },
    admin: {
      getStructure: () => call('admin.getStructure', (caller) => core.structure.get(caller)),
      saveStructure: (input) => call('admin.saveStructure', (caller) => core.structure.save(caller, input)),
    },
    moderation: {
      listHeld: (query) => call('moderation.listHeld', (caller) => core.moderation.list(caller, query)),
      approve: (itemId) => call('moderation.approve', (caller) => core.moderation.approve(caller, itemId)),
      reject: (itemId, reason) => call('moderation.reject', (caller) => core.moderation.reject(caller, itemId, reason)),
    },
    audit: {
      list: (query) => call('audit.list', (caller) => core.audit.list(caller, query)),
    },
  }
}
