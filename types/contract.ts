/**
 * The HTTP contract between the app and any Linli server: JSON schemas (TypeBox) for every body,
 * query and answer, and the route table. The reference server validates with these schemas and emits
 * its OpenAPI document from them; the app's HTTP adapter takes its types from them (`import type`
 * only, so no schema code reaches the app bundle). The compile-time checks at the bottom tie the
 * schemas to the domain types of `types/domain.ts`, so the two cannot drift.
 */
import Type from 'typebox'
import type * as D from './domain'
import type * as A from './api'

const Id = Type.String({ minLength: 1, maxLength: 64 })
const Instant = Type.String({ format: 'date-time' })
const Role = Type.Union([
  Type.Literal('resident'),
  Type.Literal('building_leader'),
  Type.Literal('grid_worker'),
  Type.Literal('staff'),
  Type.Literal('admin'),
  Type.Literal('street_staff'),
])

export const ReportStatusSchema = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('accepted'),
  Type.Literal('in_progress'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
  Type.Literal('rejected'),
  Type.Literal('transferred'),
  Type.Literal('reopened'),
  Type.Literal('merged'),
])
export const ReportActionSchema = Type.Union([
  Type.Literal('submit'),
  Type.Literal('accept'),
  Type.Literal('reject'),
  Type.Literal('assign'),
  Type.Literal('transfer'),
  Type.Literal('progress'),
  Type.Literal('resolve'),
  Type.Literal('rate'),
  Type.Literal('close'),
  Type.Literal('merge'),
  Type.Literal('escalate'),
])
/** The moves a handler posts to `/reports/:id/actions/:move` (rating has its own route). */
export const HandlerMoveSchema = Type.Union([
  Type.Literal('accept'),
  Type.Literal('reject'),
  Type.Literal('assign'),
  Type.Literal('transfer'),
  Type.Literal('progress'),
  Type.Literal('resolve'),
  Type.Literal('merge'),
  Type.Literal('escalate'),
  Type.Literal('close'),
])
export const RatingLevelSchema = Type.Union([Type.Literal('satisfied'), Type.Literal('basically_satisfied'), Type.Literal('unsatisfied')])

// ── errors ──────────────────────────────────────────────────────────────────────────────────────

export const ErrorKindSchema = Type.Union([
  Type.Literal('unauthorized'),
  Type.Literal('forbidden'),
  Type.Literal('not_found'),
  Type.Literal('validation'),
  Type.Literal('conflict'),
  Type.Literal('rate_limited'),
  Type.Literal('not_supported'),
  Type.Literal('server'),
])
/** Every 4xx/5xx answer: `{ error: { kind, message, fields? } }`, messages in Chinese. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      kind: ErrorKindSchema,
      message: Type.String(),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
      retryAfterMs: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'ErrorBody' },
)

// ── people and places ───────────────────────────────────────────────────────────────────────────

export const UserSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    phoneMasked: Type.String(),
    roles: Type.Array(Role),
    communityId: Type.Union([Id, Type.Null()]),
    streetId: Type.Optional(Id),
    home: Type.Optional(Type.Object({ buildingId: Id, room: Type.String() })),
    gridIds: Type.Array(Id),
    leadsBuildingIds: Type.Array(Id),
  },
  { $id: 'User' },
)
export const SessionSchema = Type.Object({ token: Type.String(), user: UserSchema, expiresAt: Instant }, { $id: 'Session' })
export const DemoAccountSchema = Type.Object(
  { userId: Id, name: Type.String(), roles: Type.Array(Role), description: Type.String() },
  { $id: 'DemoAccount' },
)
export const DemoSignInSchema = Type.Object({ userId: Id }, { additionalProperties: false })
export const WeChatSignInSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 128 }),
    /** Where the code came from: wx.login in the mini-program (default) or WeChat web authorization (H5). */
    via: Type.Optional(Type.Union([Type.Literal('miniprogram'), Type.Literal('web')])),
  },
  { additionalProperties: false },
)

const CommunityKind = Type.Union([Type.Literal('community'), Type.Literal('village')])
export const CommunitySchema = Type.Object(
  { id: Id, name: Type.String(), kind: CommunityKind, district: Type.String(), streetId: Id, streetName: Type.String() },
  { $id: 'Community' },
)
export const CommunitySummarySchema = Type.Object(
  { id: Id, name: Type.String(), kind: CommunityKind, district: Type.String(), streetName: Type.String() },
  { $id: 'CommunitySummary' },
)

const CategorySchema = Type.Object({
  id: Id,
  name: Type.String(),
  guidance: Type.String(),
  deadlineHours: Type.Number(),
  emergency: Type.Optional(Type.Object({ phone: Type.String(), message: Type.String() })),
})
export const DirectorySchema = Type.Object(
  {
    community: CommunitySchema,
    grids: Type.Array(Type.Object({ id: Id, communityId: Id, name: Type.String() })),
    buildings: Type.Array(Type.Object({ id: Id, communityId: Id, gridId: Id, name: Type.String(), rooms: Type.Array(Type.String()) })),
    departments: Type.Array(Type.Object({ id: Id, communityId: Id, name: Type.String() })),
    categories: Type.Array(CategorySchema),
    handlers: Type.Array(Type.Object({ id: Id, name: Type.String(), roles: Type.Array(Role), gridIds: Type.Array(Id) })),
  },
  { $id: 'CommunityDirectory' },
)

// ── reports ─────────────────────────────────────────────────────────────────────────────────────

export const PhotoSchema = Type.Object(
  {
    id: Id,
    url: Type.String(),
    width: Type.Optional(Type.Number()),
    height: Type.Optional(Type.Number()),
    bytes: Type.Optional(Type.Number()),
  },
  { $id: 'Photo' },
)

export const ReportLocationSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('point'),
      latitude: Type.Number({ minimum: -90, maximum: 90 }),
      longitude: Type.Number({ minimum: -180, maximum: 180 }),
      name: Type.String({ maxLength: 100 }),
      address: Type.String({ maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('text'), address: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
])

/** 代报: the household a report is filed for. */
export const OnBehalfSchema = Type.Object(
  {
    buildingId: Type.String({ maxLength: 64 }),
    room: Type.String({ maxLength: 20 }),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
)

/**
 * A new report. Lengths here are generous transport caps; the real rules (and their Chinese
 * messages) are the domain's `validateNewReport`, applied by the server after the schema.
 */
export const NewReportSchema = Type.Object(
  {
    categoryId: Type.String({ maxLength: 64 }),
    description: Type.String({ maxLength: 2000 }),
    photoIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
    location: ReportLocationSchema,
    anonymous: Type.Boolean(),
    // Where the problem is (routing); which buildings count is the core's rule (422).
    buildingId: Type.Optional(Type.String({ maxLength: 64 })),
    // Accepted here only to be refused by the rules with the same message on every backend (422):
    // 代报 goes to POST /reports/on-behalf.
    onBehalfOf: Type.Optional(OnBehalfSchema),
  },
  { additionalProperties: false, $id: 'NewReport' },
)

const AssigneeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('user'), id: Id, name: Type.String() }),
  Type.Object({ kind: Type.Literal('department'), id: Id, name: Type.String() }),
])

export const ReportSchema = Type.Object(
  {
    id: Id,
    number: Type.String(),
    communityId: Id,
    gridId: Id,
    buildingId: Type.Optional(Id),
    categoryId: Id,
    categoryName: Type.String(),
    description: Type.String(),
    photos: Type.Array(PhotoSchema),
    location: ReportLocationSchema,
    anonymous: Type.Boolean(),
    reporterId: Type.String(),
    reporterName: Type.String(),
    filedBy: Type.Optional(Type.Object({ id: Id, name: Type.String() })),
    beneficiary: Type.Optional(
      Type.Object({ buildingId: Id, room: Type.String(), name: Type.Optional(Type.String()), phoneMasked: Type.Optional(Type.String()) }),
    ),
    status: ReportStatusSchema,
    assignee: Type.Optional(AssigneeSchema),
    createdAt: Instant,
    updatedAt: Instant,
    acceptedAt: Type.Optional(Instant),
    resolvedAt: Type.Optional(Instant),
    deadlineAt: Instant,
    escalated: Type.Boolean(),
    rating: Type.Optional(Type.Object({ level: RatingLevelSchema, comment: Type.String(), at: Instant })),
    mergedIntoId: Type.Optional(Id),
    reopenCount: Type.Integer(),
    meTooCount: Type.Integer(),
    version: Type.Integer(),
  },
  { $id: 'Report' },
)

export const ReportSummarySchema = Type.Object(
  {
    id: Id,
    number: Type.String(),
    categoryId: Id,
    categoryName: Type.String(),
    description: Type.String(),
    status: ReportStatusSchema,
    createdAt: Instant,
    updatedAt: Instant,
    deadlineAt: Instant,
    escalated: Type.Boolean(),
    gridId: Id,
    anonymous: Type.Boolean(),
    reporterName: Type.String(),
    meTooCount: Type.Integer(),
    /** How often the resident was not satisfied (居民不满意) and it was reopened. */
    reopenCount: Type.Integer(),
    thumbnailUrl: Type.Optional(Type.String()),
    photoCount: Type.Integer(),
  },
  { $id: 'ReportSummary' },
)

export const TimelineEventSchema = Type.Object(
  {
    id: Id,
    reportId: Id,
    action: ReportActionSchema,
    fromStatus: Type.Union([ReportStatusSchema, Type.Null()]),
    toStatus: ReportStatusSchema,
    actorId: Type.String(),
    actorName: Type.String(),
    actorRole: Role,
    at: Instant,
    note: Type.Optional(Type.String()),
    /** 派单: to whom it was assigned; 转派: the department it went to. */
    assignee: Type.Optional(AssigneeSchema),
    photos: Type.Array(PhotoSchema),
    public: Type.Boolean(),
  },
  { $id: 'TimelineEvent' },
)

const ContactRelationSchema = Type.Union([Type.Literal('reporter'), Type.Literal('household'), Type.Literal('filer')])

/** Whom a handler calls about a report, masked (handlers only). */
export const ReportContactSchema = Type.Object(
  { name: Type.String(), phoneMasked: Type.String(), relation: ContactRelationSchema },
  { $id: 'ReportContact' },
)

export const ReportDetailSchema = Type.Object(
  {
    report: ReportSchema,
    timeline: Type.Array(TimelineEventSchema),
    allowedActions: Type.Array(ReportActionSchema),
    contact: Type.Optional(ReportContactSchema),
  },
  { $id: 'ReportDetail' },
)

/** The full number to dial: answered to the report's handlers only, never cached. */
export const ReporterPhoneSchema = Type.Object(
  { name: Type.String(), phone: Type.String(), relation: ContactRelationSchema },
  { $id: 'ReporterPhone' },
)

export const ReportPageSchema = Type.Object(
  { items: Type.Array(ReportSummarySchema), nextCursor: Type.Optional(Type.String()) },
  { $id: 'ReportPage' },
)

export const PageQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
)

export const PublicQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    categoryId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
)

/** Inbox filters; `status` is a comma-separated list in the query string. */
export const InboxQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    status: Type.Optional(Type.String({ maxLength: 200 })),
    categoryId: Type.Optional(Type.String({ maxLength: 64 })),
    gridId: Type.Optional(Type.String({ maxLength: 64 })),
    overdueOnly: Type.Optional(Type.Boolean()),
    escalatedOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const RatingSchema = Type.Object(
  { level: RatingLevelSchema, comment: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false, $id: 'RatingInput' },
)

/** The body of a handler move; which fields matter depends on the move (domain rules decide). */
export const MoveBodySchema = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    photoIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
    assignee: Type.Optional(Type.Object({ kind: Type.Union([Type.Literal('user'), Type.Literal('department')]), id: Id })),
    target: Type.Optional(Type.Object({ kind: Type.Union([Type.Literal('grid'), Type.Literal('department')]), id: Id })),
    intoReportId: Type.Optional(Id),
  },
  { additionalProperties: false, $id: 'MoveBody' },
)

export const ReplyTemplateSchema = Type.Object({ id: Id, title: Type.String(), text: Type.String() }, { $id: 'ReplyTemplate' })

export const IdParamsSchema = Type.Object({ id: Id })
export const MoveParamsSchema = Type.Object({ id: Id, move: HandlerMoveSchema })

// ── 代报 (assisted reporting) ──────────────────────────────────────────────────────────────────

/** The household a report is filed for; the domain's `validateOnBehalf` checks building and room. */
/** `POST /reports/on-behalf`: a new report plus the household it is for. */
export const OnBehalfReportSchema = Type.Object(
  {
    categoryId: Type.String({ maxLength: 64 }),
    description: Type.String({ maxLength: 2000 }),
    photoIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
    location: ReportLocationSchema,
    anonymous: Type.Boolean(),
    buildingId: Type.Optional(Type.String({ maxLength: 64 })),
    onBehalfOf: OnBehalfSchema,
  },
  { additionalProperties: false, $id: 'OnBehalfReport' },
)

// ── messages (留言/回复) ─────────────────────────────────────────────────────────────────────────

/** `report:<reportId>` or `general:<userId>`; URL-encoded in paths (the colon). */
const ThreadId = Type.String({ minLength: 1, maxLength: 100 })

export const MessageThreadSchema = Type.Object(
  {
    id: ThreadId,
    kind: Type.Union([Type.Literal('report'), Type.Literal('general')]),
    reportId: Type.Optional(Id),
    title: Type.String(),
    lastMessageAt: Instant,
    lastMessagePreview: Type.String(),
    unread: Type.Integer({ minimum: 0 }),
  },
  { $id: 'MessageThread' },
)

export const MessageSchema = Type.Object(
  { id: Id, threadId: ThreadId, authorId: Id, authorName: Type.String(), authorRole: Role, body: Type.String(), at: Instant },
  { $id: 'Message' },
)

export const MessagePageSchema = Type.Object(
  { items: Type.Array(MessageSchema), nextCursor: Type.Optional(Type.String()) },
  { $id: 'MessagePage' },
)

/** A message to post; `validateMessage` (1–500 characters) is the real rule. */
export const MessageInputSchema = Type.Object({ body: Type.String({ maxLength: 2000 }) }, { additionalProperties: false, $id: 'MessageInput' })

export const ThreadParamsSchema = Type.Object({ id: ThreadId })

/** An unread count (`GET /messages/unread-count`, `GET /notices/unread-count`). */
export const UnreadCountSchema = Type.Object({ count: Type.Integer({ minimum: 0 }) }, { $id: 'UnreadCount' })

// ── notices (通知公告) ──────────────────────────────────────────────────────────────────────────

export const NoticeScopeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('community') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('buildings'), buildingIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }) }, { additionalProperties: false }),
])

export const NoticeSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    scope: NoticeScopeSchema,
    title: Type.String(),
    body: Type.String(),
    urgent: Type.Boolean(),
    pinned: Type.Boolean(),
    expiresAt: Type.Optional(Instant),
    publishedAt: Instant,
    authorId: Id,
    authorName: Type.String(),
    read: Type.Boolean(),
  },
  { $id: 'Notice' },
)

export const NoticePageSchema = Type.Object({ items: Type.Array(NoticeSchema), nextCursor: Type.Optional(Type.String()) }, { $id: 'NoticePage' })

/** 我发的通知: a notice with its read count by household. */
export const SentNoticeSchema = Type.Object(
  { ...NoticeSchema.properties, households: Type.Integer({ minimum: 0 }), readHouseholds: Type.Integer({ minimum: 0 }) },
  { $id: 'SentNotice' },
)

export const SentNoticePageSchema = Type.Object(
  { items: Type.Array(SentNoticeSchema), nextCursor: Type.Optional(Type.String()) },
  { $id: 'SentNoticePage' },
)

/** A notice to publish; `validateNotice` (title 2–50, body 2–2000, 1–50 buildings, a future expiry) is the real rule. */
export const NoticeInputSchema = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    body: Type.String({ maxLength: 5000 }),
    scope: NoticeScopeSchema,
    urgent: Type.Boolean(),
    pinned: Type.Boolean(),
    // An ISO instant; what counts as a time is the domain's rule (422), as on every adapter.
    expiresAt: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false, $id: 'NoticeInput' },
)

export const NoticeReceiptsSchema = Type.Object(
  {
    noticeId: Id,
    households: Type.Integer({ minimum: 0 }),
    read: Type.Integer({ minimum: 0 }),
    unreadHouseholds: Type.Array(Type.Object({ buildingId: Id, buildingName: Type.String(), room: Type.String() })),
  },
  { $id: 'NoticeReceipts' },
)

// ── the staff dashboard ─────────────────────────────────────────────────────────────────────────

/** ISO instants; the domain's `validateRange` decides what is a time and a range (422). */
export const DashboardQuerySchema = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 40 }),
    to: Type.String({ minLength: 1, maxLength: 40 }),
    // Street officers name one of their street's communities; staff may name only their own.
    communityId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)

const Count = Type.Integer({ minimum: 0 })

export const DashboardStatsSchema = Type.Object(
  {
    communityId: Id,
    from: Type.String(),
    to: Type.String(),
    received: Count,
    byStatus: Type.Object({
      submitted: Count,
      accepted: Count,
      in_progress: Count,
      resolved: Count,
      closed: Count,
      rejected: Count,
      transferred: Count,
      reopened: Count,
      merged: Count,
    }),
    completionRate: Type.Number({ minimum: 0, maximum: 1 }),
    completionBase: Count,
    rated: Count,
    ratedUnsatisfied: Count,
    satisfactionRate: Type.Number({ minimum: 0, maximum: 1 }),
    medianHoursToAccept: Type.Union([Type.Number(), Type.Null()]),
    medianHoursToResolve: Type.Union([Type.Number(), Type.Null()]),
    overdue: Count,
    escalated: Count,
    daily: Type.Array(Type.Object({ day: Type.String(), received: Count, resolved: Count })),
  },
  { $id: 'DashboardStats' },
)

// ── communities (issue 10) ──────────────────────────────────────────────────────────────────────

/** `?q=`: words of a community's or its street's name; the core's rule (≤ 40 characters) answers 400 with its message. */
export const CommunitySearchQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })
export const CommunitySummaryListSchema = Type.Array(CommunitySummarySchema, { $id: 'CommunitySummaryList' })
export const CommunityListSchema = Type.Array(CommunitySchema, { $id: 'CommunityList' })
/** A typed or scanned community code (社区码); what counts as one is the core's rule (400). */
export const CommunityCodeParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) })
export const JoinCommunitySchema = Type.Object({ communityId: Id }, { additionalProperties: false, $id: 'JoinCommunity' })
export const JoinCodeSchema = Type.Object(
  { code: Type.String(), community: CommunitySummarySchema, dataUrl: Type.Optional(Type.String()) },
  { $id: 'JoinCode' },
)

// ── households ──────────────────────────────────────────────────────────────────────────────────

export const ClaimStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
  Type.Literal('left'),
  Type.Literal('removed'),
])

export const HouseholdMemberSchema = Type.Object(
  { userId: Id, name: Type.String(), phoneMasked: Type.String(), representative: Type.Boolean(), since: Instant },
  { $id: 'HouseholdMember' },
)
export const HouseholdSchema = Type.Object(
  { communityId: Id, buildingId: Id, buildingName: Type.String(), room: Type.String(), members: Type.Array(HouseholdMemberSchema) },
  { $id: 'Household' },
)
export const HouseholdClaimSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    userId: Id,
    buildingId: Id,
    buildingName: Type.String(),
    room: Type.String(),
    name: Type.String(),
    phoneMasked: Type.String(),
    status: ClaimStatusSchema,
    reason: Type.Optional(Type.String()),
    createdAt: Instant,
    decidedAt: Type.Optional(Instant),
    decidedByName: Type.Optional(Type.String()),
  },
  { $id: 'HouseholdClaim' },
)
/** My verified household (with its members) and my claims, newest first. */
export const MyHomeSchema = Type.Object(
  { household: Type.Optional(HouseholdSchema), claims: Type.Array(HouseholdClaimSchema) },
  { $id: 'MyHome' },
)
/** What a household is after a member was taken out; null when nobody is left. */
export const HouseholdOrNoneSchema = Type.Union([HouseholdSchema, Type.Null()])
/** A claim to live in a household; `refuseClaim` (a room of the building, name 2–20, a phone) is the real rule (422). */
export const ClaimInputSchema = Type.Object(
  {
    buildingId: Type.String({ maxLength: 64 }),
    room: Type.String({ maxLength: 20 }),
    name: Type.String({ maxLength: 100 }),
    phone: Type.String({ maxLength: 30 }),
  },
  { additionalProperties: false, $id: 'ClaimInput' },
)
/** The review list: `status` one of the claim statuses (default pending; another word is the core's 422). */
export const ClaimQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    status: Type.Optional(Type.String({ maxLength: 20, description: 'pending、approved、rejected、withdrawn、left 或 removed' })),
  },
  { additionalProperties: false },
)
export const ClaimPageSchema = Type.Object(
  { items: Type.Array(HouseholdClaimSchema), nextCursor: Type.Optional(Type.String()) },
  { $id: 'ClaimPage' },
)
/** A reason the person will see (rejecting a claim, removing a member); `refuseReason` (2–200) is the real rule. */
export const ReasonSchema = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false, $id: 'ReasonInput' })
export const UserIdSchema = Type.Object({ userId: Id }, { additionalProperties: false, $id: 'UserIdInput' })
export const UserIdParamsSchema = Type.Object({ userId: Id })

// ── invitations and people's roles ──────────────────────────────────────────────────────────────

export const InvitedRoleSchema = Type.Union([
  Type.Literal('staff'),
  Type.Literal('grid_worker'),
  Type.Literal('building_leader'),
  Type.Literal('admin'),
  Type.Literal('street_staff'),
])
export const InviteStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('used'), Type.Literal('expired'), Type.Literal('cancelled')])

export const InviteSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    role: InvitedRoleSchema,
    gridIds: Type.Array(Id),
    buildingIds: Type.Array(Id),
    note: Type.String(),
    code: Type.String(),
    status: InviteStatusSchema,
    createdAt: Instant,
    expiresAt: Instant,
    createdByName: Type.String(),
    usedByName: Type.Optional(Type.String()),
    usedAt: Type.Optional(Instant),
  },
  { $id: 'Invite' },
)
export const InviteListSchema = Type.Array(InviteSchema, { $id: 'InviteList' })
/** A new invite; `refuseInvite` (who may invite whom, grids or buildings of the community, note ≤ 40, 1 h – 30 days) is the real rule. */
export const InviteInputSchema = Type.Object(
  {
    role: InvitedRoleSchema,
    gridIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }),
    buildingIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 }),
    note: Type.String({ maxLength: 200 }),
    expiresInHours: Type.Number(),
  },
  { additionalProperties: false, $id: 'InviteInput' },
)
/** An image as a data URL (a mini-program code). */
export const QrCodeSchema = Type.Object({ dataUrl: Type.String() }, { $id: 'QrCode' })
/** A typed or scanned invite code; what counts as one is the core's rule (400). */
export const RedeemInviteSchema = Type.Object({ code: Type.String({ maxLength: 64 }) }, { additionalProperties: false, $id: 'RedeemInvite' })

export const MemberSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    phoneMasked: Type.String(),
    roles: Type.Array(Role),
    gridIds: Type.Array(Id),
    leadsBuildingIds: Type.Array(Id),
    home: Type.Optional(Type.Object({ buildingId: Id, room: Type.String() })),
  },
  { $id: 'Member' },
)
export const MemberListSchema = Type.Array(MemberSchema, { $id: 'MemberList' })
/** The role to take away; `refuseRevoke` decides which may be (422/403). */
export const RevokeRoleSchema = Type.Object({ role: Role }, { additionalProperties: false, $id: 'RevokeRole' })

// ── my profile and my data ──────────────────────────────────────────────────────────────────────

export const ProfileSchema = Type.Object(
  {
    user: UserSchema,
    community: Type.Optional(CommunitySchema),
    household: Type.Optional(HouseholdSchema),
    claims: Type.Array(HouseholdClaimSchema),
  },
  { $id: 'Profile' },
)
/** A new name and/or phone; the core's rules (name 2–20, a phone number) answer 422 per field. */
export const ProfileUpdateSchema = Type.Object(
  { name: Type.Optional(Type.String({ maxLength: 100 })), phone: Type.Optional(Type.String({ maxLength: 30 })) },
  { additionalProperties: false, $id: 'ProfileUpdate' },
)

const { read: _read, ...publishedNoticeFields } = NoticeSchema.properties
const Home = Type.Object({ buildingId: Id, room: Type.String() })

/** Every record about the person (PIPL art. 45), their full phone number included. */
export const PersonalDataExportSchema = Type.Object(
  {
    exportedAt: Instant,
    person: Type.Object({
      id: Id,
      name: Type.String(),
      phone: Type.String(),
      roles: Type.Array(Role),
      communityId: Type.Union([Id, Type.Null()]),
      home: Type.Optional(Home),
      createdAt: Instant,
      signIn: Type.Union([Type.Literal('wechat'), Type.Literal('demo'), Type.Literal('set-up')]),
    }),
    community: Type.Optional(CommunitySchema),
    household: Type.Optional(HouseholdSchema),
    claims: Type.Array(HouseholdClaimSchema),
    reports: Type.Array(ReportSchema),
    reportSteps: Type.Array(TimelineEventSchema),
    meToo: Type.Array(Type.Object({ reportId: Id, at: Instant })),
    messages: Type.Array(MessageSchema),
    noticesRead: Type.Array(Type.Object({ noticeId: Id, at: Instant })),
    noticesPublished: Type.Array(Type.Object(publishedNoticeFields)),
    photos: Type.Array(Type.Object({ id: Id, contentType: Type.String(), bytes: Type.Integer({ minimum: 0 }), createdAt: Instant })),
    sessions: Type.Array(Type.Object({ createdAt: Instant, expiresAt: Instant })),
    invitesUsed: Type.Array(Type.Object({ role: InvitedRoleSchema, communityId: Id, usedAt: Instant })),
  },
  { $id: 'PersonalDataExport' },
)

// ── the community's structure (admins) ──────────────────────────────────────────────────────────

/** A workbook row number (the header is row 1). */
const Row = Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 }))
/** A stable id kept from an earlier read (`GET /admin/structure` gives each row its id as `key`). */
const Key = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }))
/** Transport caps; `validateStructure` (names 2–40, rooms of 1–10 characters …) is the real rule, every issue at once (422). */
const Name = Type.String({ maxLength: 100 })

export const StructureInputSchema = Type.Object(
  {
    community: Type.Object(
      {
        name: Name,
        kind: Type.Union([Type.Literal('community'), Type.Literal('village')]),
        street: Name,
        district: Name,
        reportPrefix: Type.String({ maxLength: 20 }),
        row: Row,
      },
      { additionalProperties: false },
    ),
    grids: Type.Array(Type.Object({ key: Key, name: Name, row: Row }, { additionalProperties: false }), { maxItems: 200 }),
    buildings: Type.Array(
      Type.Object(
        { key: Key, name: Name, grid: Name, rooms: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 1000 }), row: Row },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
    departments: Type.Array(Type.Object({ key: Key, name: Name, row: Row }, { additionalProperties: false }), { maxItems: 200 }),
    categories: Type.Array(
      Type.Object(
        {
          key: Key,
          name: Name,
          deadlineHours: Type.Number(),
          guidance: Type.String({ maxLength: 1000 }),
          emergencyPhone: Type.Optional(Type.String({ maxLength: 40 })),
          emergencyMessage: Type.Optional(Type.String({ maxLength: 1000 })),
          row: Row,
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    replyTemplates: Type.Array(
      Type.Object({ key: Key, title: Name, text: Type.String({ maxLength: 2000 }), row: Row }, { additionalProperties: false }),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false, $id: 'StructureInput' },
)

const ChangeCount = Type.Object({ created: Count, updated: Count, removed: Count, unchanged: Count })
/** What saving the structure did, per kind of row. */
export const StructureCountsSchema = Type.Object(
  { grids: ChangeCount, buildings: ChangeCount, rooms: ChangeCount, departments: ChangeCount, categories: ChangeCount, replyTemplates: ChangeCount },
  { $id: 'StructureCounts' },
)

// ── the schemas and the domain types must agree (compile-time only) ─────────────────────────────

/** Each assignable to the other: a required field missing on either side, or of another type, fails. */
type Equal<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false
type Assert<T extends true> = T

export type ContractMatchesDomain = [
  Assert<Equal<Type.Static<typeof UserSchema>, D.User>>,
  Assert<Equal<Type.Static<typeof SessionSchema>, D.Session>>,
  Assert<Equal<Type.Static<typeof PhotoSchema>, D.Photo>>,
  Assert<Equal<Type.Static<typeof ReportSchema>, D.Report>>,
  Assert<Equal<Type.Static<typeof ReportSummarySchema>, D.ReportSummary>>,
  Assert<Equal<Type.Static<typeof TimelineEventSchema>, D.TimelineEvent>>,
  Assert<Equal<Type.Static<typeof ReportDetailSchema>, D.ReportDetail>>,
  Assert<Equal<Type.Static<typeof ReportContactSchema>, D.ReportContact>>,
  Assert<Equal<Type.Static<typeof ReporterPhoneSchema>, D.ReporterPhone>>,
  Assert<Equal<Type.Static<typeof RatingSchema>, A.RatingInput>>,
  Assert<Equal<Type.Static<typeof NewReportSchema>, A.NewReportInput>>,
  Assert<Equal<Type.Static<typeof OnBehalfReportSchema>, Required<Pick<A.NewReportInput, 'onBehalfOf'>> & Omit<A.NewReportInput, 'onBehalfOf'>>>,
  Assert<Equal<Type.Static<typeof MessageThreadSchema>, D.MessageThread>>,
  Assert<Equal<Type.Static<typeof MessageSchema>, D.Message>>,
  Assert<Equal<Type.Static<typeof MessagePageSchema>, D.Page<D.Message>>>,
  Assert<Equal<Type.Static<typeof NoticeSchema>, D.Notice>>,
  Assert<Equal<Type.Static<typeof NoticePageSchema>, D.Page<D.Notice>>>,
  Assert<Equal<Type.Static<typeof SentNoticeSchema>, D.SentNotice>>,
  Assert<Equal<Type.Static<typeof SentNoticePageSchema>, D.Page<D.SentNotice>>>,
  Assert<Equal<Type.Static<typeof NoticeInputSchema>, A.NoticeInput>>,
  Assert<Equal<Type.Static<typeof NoticeReceiptsSchema>, D.NoticeReceipts>>,
  Assert<Equal<Type.Static<typeof DashboardQuerySchema>, A.TimeRange & { communityId?: D.Id }>>,
  Assert<Equal<Type.Static<typeof DashboardStatsSchema>, D.DashboardStats>>,
  // issue 10
  Assert<Equal<Type.Static<typeof CommunitySchema>, D.Community>>,
  Assert<Equal<Type.Static<typeof CommunitySummarySchema>, D.CommunitySummary>>,
  Assert<Equal<Type.Static<typeof CommunityListSchema>, D.Community[]>>,
  Assert<Equal<Type.Static<typeof CommunitySummaryListSchema>, D.CommunitySummary[]>>,
  Assert<Equal<Type.Static<typeof JoinCodeSchema>, { code: string; community: D.CommunitySummary; dataUrl?: string }>>,
  Assert<Equal<Type.Static<typeof ClaimStatusSchema>, D.ClaimStatus>>,
  Assert<Equal<Type.Static<typeof HouseholdMemberSchema>, D.HouseholdMember>>,
  Assert<Equal<Type.Static<typeof HouseholdSchema>, D.Household>>,
  Assert<Equal<Type.Static<typeof HouseholdOrNoneSchema>, D.Household | null>>,
  Assert<Equal<Type.Static<typeof HouseholdClaimSchema>, D.HouseholdClaim>>,
  Assert<Equal<Type.Static<typeof MyHomeSchema>, { household?: D.Household; claims: D.HouseholdClaim[] }>>,
  Assert<Equal<Type.Static<typeof ClaimPageSchema>, D.Page<D.HouseholdClaim>>>,
  Assert<Equal<Type.Static<typeof InvitedRoleSchema>, D.InvitedRole>>,
  Assert<Equal<Type.Static<typeof InviteStatusSchema>, D.InviteStatus>>,
  Assert<Equal<Type.Static<typeof InviteSchema>, D.Invite>>,
  Assert<Equal<Type.Static<typeof InviteListSchema>, D.Invite[]>>,
  Assert<Equal<Type.Static<typeof MemberSchema>, D.Member>>,
  Assert<Equal<Type.Static<typeof MemberListSchema>, D.Member[]>>,
  Assert<Equal<Type.Static<typeof RevokeRoleSchema>, { role: D.Role }>>,
  Assert<Equal<Type.Static<typeof ProfileSchema>, D.Profile>>,
  Assert<Equal<Type.Static<typeof ProfileUpdateSchema>, { name?: string; phone?: string }>>,
  Assert<Equal<Type.Static<typeof PersonalDataExportSchema>, D.PersonalDataExport>>,
]
