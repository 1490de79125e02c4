/**
 * The reference server's routes, shared by the server and the app's HTTP adapter. Plain values (no
 * schema library), so importing them adds nothing to the app bundle.
 */
/** Every route of the reference server that the app's port uses, in one table. */
export const API = {
  prefix: '/api/v1',
  demoAccounts: '/session/demo-accounts',
  demoSignIn: '/session/demo',
  weChatSignIn: '/session/wechat',
  session: '/session',
  community: '/community',
  photos: '/photos',
  reports: '/reports',
  myReports: '/reports/mine',
  publicReports: '/reports/public',
  report: (id: string) => `/reports/${encodeURIComponent(id)}`,
  rating: (id: string) => `/reports/${encodeURIComponent(id)}/rating`,
  meToo: (id: string) => `/reports/${encodeURIComponent(id)}/me-too`,
  /** Handlers only: the full number of whom to call about the report. */
  reporterPhone: (id: string) => `/reports/${encodeURIComponent(id)}/reporter-phone`,
  move: (id: string, move: string) => `/reports/${encodeURIComponent(id)}/actions/${move}`,
  inbox: '/inbox',
  replyTemplates: '/reply-templates',
  /** 代报: POST with an Idempotency-Key. */
  onBehalf: '/reports/on-behalf',
  // Messages. Thread ids hold a colon (`report:r_…`, `general:u-…`): always encoded.
  threads: '/threads',
  threadMessages: (threadId: string) => `/threads/${encodeURIComponent(threadId)}/messages`,
  threadRead: (threadId: string) => `/threads/${encodeURIComponent(threadId)}/read`,
  reportMessages: (reportId: string) => `/reports/${encodeURIComponent(reportId)}/messages`,
  /** My general thread with the community's staff. */
  generalMessages: '/threads/general/messages',
  messagesUnreadCount: '/messages/unread-count',
  // Notices.
  notices: '/notices',
  notice: (id: string) => `/notices/${encodeURIComponent(id)}`,
  noticeRead: (id: string) => `/notices/${encodeURIComponent(id)}/read`,
  noticeReceipts: (id: string) => `/notices/${encodeURIComponent(id)}/receipts`,
  noticesUnreadCount: '/notices/unread-count',
  noticesSent: '/notices/sent',
  /** Staff only: `?from&to` (ISO instants). */
  dashboard: '/dashboard',
} as const

export const IDEMPOTENCY_HEADER = 'idempotency-key'
