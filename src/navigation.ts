import Taro from '@tarojs/taro'

/** Every route of the app in one place; features not yet built keep their slot in the comments. */
export const ROUTES = {
  home: '/pages/home/index',
  tasks: '/pages/tasks/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
  signIn: '/auth/sign-in/index',
  newReport: '/reports/new/index',
  reportDetail: (id: string) => `/reports/detail/index?id=${encodeURIComponent(id)}`,
  rateReport: (id: string) => `/reports/rate/index?id=${encodeURIComponent(id)}`,
  /** 工作台: the inbox for staff and grid workers; broadcasts and 代报 for building leaders. */
  workspace: '/staff/workspace/index',
  handleReport: (id: string) => `/staff/handle/index?id=${encodeURIComponent(id)}`,
  dashboard: '/staff/dashboard/index',
  assistedReport: '/staff/assisted/index',
  /** 内容审核 (staff, admins) and 操作记录 (staff, admins, street officers), issue 13. */
  moderation: '/staff/moderation/index',
  audit: '/staff/audit/index',
  noticeDetail: (id: string) => `/notices/detail/index?id=${encodeURIComponent(id)}`,
  publishNotice: '/notices/publish/index',
  noticeReceipts: (id: string) => `/notices/receipts/index?id=${encodeURIComponent(id)}`,
  thread: (threadId: string, title?: string) =>
    `/messages/thread/index?id=${encodeURIComponent(threadId)}${title ? `&title=${encodeURIComponent(title)}` : ''}`,
  // Joining a community (issue 10): pick it, claim the household, use an invite; my data.
  chooseCommunity: (code?: string) => `/onboarding/community/index${code ? `?code=${encodeURIComponent(code)}` : ''}`,
  claimHousehold: '/onboarding/household/index',
  redeemInvite: (code?: string) => `/onboarding/invite/index${code ? `?code=${encodeURIComponent(code)}` : ''}`,
  myData: '/onboarding/my-data/index',
  /** 隐私政策: what is collected, why, who sees it, how long (from 我的, sign-in and the privacy dialog). */
  privacy: '/onboarding/privacy/index',
  // The community's management (staff, building leaders for claims, admins).
  reviewClaims: '/admin/claims/index',
  invites: '/admin/invites/index',
  people: '/admin/people/index',
  communityCode: '/admin/join-code/index',
  structure: '/admin/structure/index',
  // Service booking (issue 12): residents book; staff run the day from 工作台.
  services: (kind?: string) => `/booking/services/index${kind ? `?kind=${encodeURIComponent(kind)}` : ''}`,
  /** A service's calendar; `reschedule` moves that booking; `forUserId` books for a resident (代约, staff). */
  service: (id: string, options: { reschedule?: string; forUserId?: string } = {}) =>
    `/booking/service/index?id=${encodeURIComponent(id)}${options.reschedule ? `&reschedule=${encodeURIComponent(options.reschedule)}` : ''}${options.forUserId ? `&forUserId=${encodeURIComponent(options.forUserId)}` : ''}`,
  book: (serviceId: string, startsAt: string, options: { waitlist?: boolean; forUserId?: string } = {}) =>
    `/booking/book/index?serviceId=${encodeURIComponent(serviceId)}&startsAt=${encodeURIComponent(startsAt)}${options.waitlist ? '&waitlist=1' : ''}${options.forUserId ? `&forUserId=${encodeURIComponent(options.forUserId)}` : ''}`,
  booking: (id: string) => `/booking/detail/index?id=${encodeURIComponent(id)}`,
  myBookings: '/booking/mine/index',
  bookingDesk: '/booking/desk/index',
  serviceDay: (serviceId: string, date?: string) => `/booking/day/index?serviceId=${encodeURIComponent(serviceId)}${date ? `&date=${date}` : ''}`,
  pendingBookings: '/booking/pending/index',
  serviceEdit: (id?: string) => `/booking/service-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  bookOnBehalf: '/booking/on-behalf/index',
  householdTags: '/booking/tags/index',
  // Conventions and consultation (issue 11): the 议事 hub and its pages.
  consult: (tab?: 'conventions' | 'proposals' | 'votes' | 'disclosures') => `/consult/index/index${tab ? `?tab=${tab}` : ''}`,
  convention: (id: string) => `/consult/convention/index?id=${encodeURIComponent(id)}`,
  conventionDiff: (id: string, from: number, to: number) => `/consult/convention-diff/index?id=${encodeURIComponent(id)}&from=${from}&to=${to}`,
  conventionSheet: (id: string) => `/consult/convention-sheet/index?id=${encodeURIComponent(id)}`,
  /** Staff: a new convention (no id), or the next version's draft of one. */
  conventionEdit: (id?: string) => `/consult/convention-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  disclosure: (id: string) => `/consult/disclosure/index?id=${encodeURIComponent(id)}`,
  publishDisclosure: '/consult/disclosure-publish/index',
  proposal: (id: string) => `/consult/proposal/index?id=${encodeURIComponent(id)}`,
  /** A new proposal, optionally to change one article of a convention. */
  newProposal: (article?: { conventionId: string; articleId: string }) =>
    `/consult/proposal-new/index${article ? `?conventionId=${encodeURIComponent(article.conventionId)}&articleId=${encodeURIComponent(article.articleId)}` : ''}`,
  /** Staff: answer a proposal, publish minutes, report progress. */
  proposalStaff: (id: string, action: 'answer' | 'minutes' | 'progress') => `/consult/proposal-staff/index?id=${encodeURIComponent(id)}&action=${action}`,
  /** A discussion: `subject` is a proposal's, an article's or a disclosure's. */
  discussion: (subject: { kind: 'proposal' | 'disclosure'; id: string } | { kind: 'article'; conventionId: string; articleId: string }, title?: string) =>
    `/consult/discussion/index?kind=${subject.kind}${subject.kind === 'article' ? `&conventionId=${encodeURIComponent(subject.conventionId)}&articleId=${encodeURIComponent(subject.articleId)}` : `&id=${encodeURIComponent(subject.id)}`}${title ? `&title=${encodeURIComponent(title)}` : ''}`,
  vote: (id: string) => `/consult/vote/index?id=${encodeURIComponent(id)}`,
  /** Staff: open a vote, on a proposal or a convention's draft. */
  newVote: (about?: { proposalId: string } | { conventionId: string }) =>
    `/consult/vote-new/index${about ? ('proposalId' in about ? `?proposalId=${encodeURIComponent(about.proposalId)}` : `?conventionId=${encodeURIComponent(about.conventionId)}`) : ''}`,
  voteRoll: (id: string) => `/consult/vote-roll/index?id=${encodeURIComponent(id)}`,
  // services/ arrives with its issue.
} as const

const TABS: string[] = [ROUTES.home, ROUTES.tasks, ROUTES.messages, ROUTES.me]

export function go(url: string): void {
  if (TABS.includes(url)) void Taro.switchTab({ url })
  else void Taro.navigateTo({ url })
}

export function replace(url: string): void {
  if (TABS.includes(url)) void Taro.switchTab({ url })
  else void Taro.redirectTo({ url })
}

export function back(fallback: string = ROUTES.home): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else replace(fallback)
}

/** How long a toast stays: longer in elder mode, for a slower reader (set by the app, see app.tsx). */
export const TOAST_MS = { normal: 2500, elder: 5000 }
let toastMs = TOAST_MS.normal

/** Elder mode on or off: toasts from now on stay as long as it asks. */
export function setElderToasts(on: boolean): void {
  toastMs = on ? TOAST_MS.elder : TOAST_MS.normal
}

export function toast(title: string, icon: 'success' | 'none' | 'error' = 'none'): void {
  void Taro.showToast({ title, icon, duration: toastMs })
}

/** Ask before something that cannot be undone: true only when the user confirms. */
export async function confirm(ask: { title: string; content: string; confirm: string; cancel: string }): Promise<boolean> {
  try {
    // The app's colour for the answer that acts (WeChat's default green is 2.3:1 on white), dark grey for the other.
    const answer = await Taro.showModal({
      title: ask.title,
      content: ask.content,
      confirmText: ask.confirm,
      cancelText: ask.cancel,
      confirmColor: '#c2410c',
      cancelColor: '#44403c',
    })
    return Boolean(answer.confirm)
  } catch {
    return false
  }
}

/** Navigate, then toast on the new page (H5 drops a toast shown just before a page change). */
export function replaceWithToast(url: string, title: string, icon: 'success' | 'none' = 'none'): void {
  replace(url)
  setTimeout(() => toast(title, icon), 450)
}

/** Bring the first field message into view after a refused submit. */
export function scrollToFirstError(): void {
  setTimeout(() => void Taro.pageScrollTo({ selector: '.field-error', duration: 200 }).catch(() => undefined), 50)
}
