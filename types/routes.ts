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
  /** Handlers only: the full number of whom to call about the report (POST with the reason; audited). */
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
  /** Staff: `?from&to` (ISO instants); street officers add `communityId`. */
  dashboard: '/dashboard',
  // Communities (issue 10): finding and joining one, a street's, the community's own code.
  /** `?q=` words of the name or the street. */
  communities: '/communities',
  communityByCode: (code: string) => `/communities/by-code/${encodeURIComponent(code)}`,
  /** POST: join a community (as an unverified resident). */
  myCommunity: '/me/community',
  streetCommunities: '/street/communities',
  joinCode: '/community/join-code',
  // Households: claims and their review, members, the representative.
  myHousehold: '/households/mine',
  leaveHousehold: '/households/mine/leave',
  /** POST: claim a household; GET: the review list (`?status&cursor&limit`). */
  claims: '/household-claims',
  claimWithdraw: (id: string) => `/household-claims/${encodeURIComponent(id)}/withdraw`,
  claimApprove: (id: string) => `/household-claims/${encodeURIComponent(id)}/approve`,
  claimReject: (id: string) => `/household-claims/${encodeURIComponent(id)}/reject`,
  removeMember: (userId: string) => `/households/members/${encodeURIComponent(userId)}/remove`,
  /** PUT: the household's representative (户代表). */
  representative: '/households/representative',
  // Invitations and people's roles.
  invites: '/invites',
  inviteCancel: (id: string) => `/invites/${encodeURIComponent(id)}/cancel`,
  inviteQrCode: (id: string) => `/invites/${encodeURIComponent(id)}/qr-code`,
  redeemInvite: '/invites/redeem',
  people: '/people',
  revokeRole: (userId: string) => `/people/${encodeURIComponent(userId)}/revoke`,
  // My profile: GET, PATCH (also POST: wx.request has no PATCH), DELETE (the account).
  profile: '/profile',
  profileExport: '/profile/export',
  /** Admins: GET and PUT the community's structure. */
  adminStructure: '/admin/structure',
  // Conventions and consultation (issue 11). Creations (POST conventions, proposals, minutes,
  // progress, discussions, votes, disclosures) carry an Idempotency-Key.
  consultationOverview: '/consultation/overview',
  /** GET; PUT (staff): the proposal threshold and window. */
  consultationSettings: '/consultation/settings',
  /** GET the conventions I may read; POST a new one (staff). */
  conventions: '/conventions',
  convention: (id: string) => `/conventions/${encodeURIComponent(id)}`,
  conventionVersion: (id: string, version: number | string) => `/conventions/${encodeURIComponent(id)}/versions/${encodeURIComponent(String(version))}`,
  /** `?from&to`: 修订记录 between two versions. */
  conventionDiff: (id: string) => `/conventions/${encodeURIComponent(id)}/diff`,
  /** PUT: the next version as a draft. */
  conventionDraft: (id: string) => `/conventions/${encodeURIComponent(id)}/draft`,
  conventionPublishDraft: (id: string) => `/conventions/${encodeURIComponent(id)}/draft/publish`,
  conventionAcknowledge: (id: string) => `/conventions/${encodeURIComponent(id)}/acknowledge`,
  conventionAcknowledgements: (id: string) => `/conventions/${encodeURIComponent(id)}/acknowledgements`,
  /** GET `?filter&cursor&limit`; POST a new proposal. */
  proposals: '/proposals',
  /** `?q=`: open proposals like the text. */
  similarProposals: '/proposals/similar',
  proposal: (id: string) => `/proposals/${encodeURIComponent(id)}`,
  proposalCosign: (id: string) => `/proposals/${encodeURIComponent(id)}/cosign`,
  proposalAnswer: (id: string) => `/proposals/${encodeURIComponent(id)}/answer`,
  proposalMinutes: (id: string) => `/proposals/${encodeURIComponent(id)}/minutes`,
  proposalProgress: (id: string) => `/proposals/${encodeURIComponent(id)}/progress`,
  proposalRating: (id: string) => `/proposals/${encodeURIComponent(id)}/rating`,
  /** GET and POST, the subject in the query: `?kind=proposal&id=`, `?kind=disclosure&id=`, `?kind=article&conventionId=&articleId=`. */
  discussions: '/discussions',
  contributionHide: (id: string) => `/contributions/${encodeURIComponent(id)}/hide`,
  /** GET `?cursor&limit`; POST a new vote (staff). */
  votes: '/votes',
  vote: (id: string) => `/votes/${encodeURIComponent(id)}`,
  voteBallot: (id: string) => `/votes/${encodeURIComponent(id)}/ballot`,
  votePaperBallots: (id: string) => `/votes/${encodeURIComponent(id)}/paper-ballots`,
  voteRoll: (id: string) => `/votes/${encodeURIComponent(id)}/roll`,
  votePublish: (id: string) => `/votes/${encodeURIComponent(id)}/publish`,
  /** GET `?category&cursor&limit`; POST a new disclosure (staff). */
  disclosures: '/disclosures',
  disclosure: (id: string) => `/disclosures/${encodeURIComponent(id)}`,
  disclosureRead: (id: string) => `/disclosures/${encodeURIComponent(id)}/read`,
  // Service booking (issue 12). POST /services and POST /bookings carry an Idempotency-Key.
  /** GET `?kind&all` the services of my community; POST a new one (staff). */
  services: '/services',
  /** GET; PUT (staff): the whole service as written. */
  service: (id: string) => `/services/${encodeURIComponent(id)}`,
  /** `?from&to`: Beijing dates, each with its slots and seats left. */
  serviceSlots: (id: string) => `/services/${encodeURIComponent(id)}/slots`,
  /** Staff: a Beijing day (YYYY-MM-DD), slot by slot with its bookings. */
  serviceDay: (id: string, date: string) => `/services/${encodeURIComponent(id)}/days/${encodeURIComponent(date)}`,
  bookings: '/bookings',
  myBookings: '/bookings/mine',
  /** `?cursor&limit`: my past bookings, newest first. */
  pastBookings: '/bookings/past',
  /** Staff: `?cursor&limit`, bookings waiting to be confirmed, soonest first. */
  pendingBookings: '/bookings/pending',
  /** Staff: POST a typed or scanned check-in code. */
  bookingCheckIn: '/bookings/check-in',
  /** Staff: `?period=YYYY-MM-DD|YYYY-MM&serviceId`, an .xlsx workbook (not JSON). */
  bookingExport: '/bookings/export',
  booking: (id: string) => `/bookings/${encodeURIComponent(id)}`,
  /** POST: `cancel`, `reschedule`, `rating`, `confirm`, `reject`, `complete` or `no-show`. */
  bookingStep: (id: string, step: 'cancel' | 'reschedule' | 'rating' | 'confirm' | 'reject' | 'complete' | 'no-show') =>
    `/bookings/${encodeURIComponent(id)}/${step}`,
  /** Staff, PUT: a household's tags (高龄 / 残疾 / 低保). */
  householdTags: '/households/tags',
  /** Staff: GET `?buildingId&room`, a household's verified members (代约) and its tags. */
  bookingHousehold: '/households/booking',
  // Content security (issue 13): the moderation queue and the audit log.
  /** Staff and admins: GET `?cursor&limit`, the community's held texts, oldest first. */
  moderationItems: '/moderation/items',
  moderationApprove: (id: string) => `/moderation/items/${encodeURIComponent(id)}/approve`,
  /** POST `{ reason }`: the author reads it. */
  moderationReject: (id: string) => `/moderation/items/${encodeURIComponent(id)}/reject`,
  /** Staff and admins of the community, a street officer (`communityId`): GET `?action&subjectKind&subjectId&cursor&limit`, newest first. */
  audit: '/audit',
} as const

export const IDEMPOTENCY_HEADER = 'idempotency-key'
