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
  move: (id: string, move: string) => `/reports/${encodeURIComponent(id)}/actions/${move}`,
  inbox: '/inbox',
  replyTemplates: '/reply-templates',
} as const

export const IDEMPOTENCY_HEADER = 'idempotency-key'
