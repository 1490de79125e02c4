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
/**
 * An instant the API takes. The server checks `date-time` by `src/domain/instants.ts` (an ISO instant
 * with its offset, a real day, years 2000–2100): anything else is a 400 on the field, before any rule.
 */
const InstantInput = (options: { minLength?: number } = {}) => Type.String({ ...options, maxLength: 40, format: 'date-time' })
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

/** Answers to a category's extra questions, by question code. */
const ReportAnswersSchema = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Union([Type.String({ maxLength: 4000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })]),
  { maxProperties: 50 },
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
    // Answers to a category's extra questions (an Open311 service's); Linli's own categories ask
    // none, so the rules refuse any (422), with the same message on every backend.
    answers: Type.Optional(ReportAnswersSchema),
  },
  { additionalProperties: false, $id: 'NewReport' },
)

/** A text not (yet) published (issue 13): held for review, or refused after review with the moderator's reason. */
export const ModerationMarkSchema = Type.Union(
  [Type.Object({ status: Type.Literal('held') }), Type.Object({ status: Type.Literal('rejected'), reason: Type.String() })],
  { $id: 'ModerationMark' },
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
    moderation: Type.Optional(ModerationMarkSchema),
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
    moderation: Type.Optional(ModerationMarkSchema),
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

/**
 * Why the full number is asked for: transport caps only (both optional here), so a missing or
 * unknown reason is the core's 422 with its Chinese message (`validatePhoneReveal`) on every adapter.
 */
export const PhoneRevealBodySchema = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 40 })), note: Type.Optional(Type.String({ maxLength: 400 })) },
  { additionalProperties: false, $id: 'PhoneRevealBody' },
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
    answers: Type.Optional(ReportAnswersSchema),
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
  {
    id: Id,
    threadId: ThreadId,
    authorId: Id,
    authorName: Type.String(),
    authorRole: Role,
    body: Type.String(),
    at: Instant,
    moderation: Type.Optional(ModerationMarkSchema),
  },
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
    moderation: Type.Optional(ModerationMarkSchema),
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
    expiresAt: Type.Optional(InstantInput()),
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

/** Two instants (a malformed one is a 400); the domain's `validateRange` decides what is a range (422). */
export const DashboardQuerySchema = Type.Object(
  {
    from: InstantInput({ minLength: 1 }),
    to: InstantInput({ minLength: 1 }),
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

// ── conventions and consultation (issue 11) ─────────────────────────────────────────────────────
// Input schemas are transport caps (generous lengths, any number); the real rules and their Chinese
// messages are the core's (`validateConvention`, `validateProposal`, `validateVote`, `checkFinance` …,
// 422 per field), the same on every adapter.

const Text = (maxLength: number) => Type.String({ maxLength })
const InputId = Type.String({ maxLength: 64 })
const PhotoIds = Type.Array(InputId, { maxItems: 20 })

export const ConventionKindSchema = Type.Union([Type.Literal('community'), Type.Literal('village'), Type.Literal('building')])
export const ConventionArticleSchema = Type.Object({ id: Id, number: Type.Integer(), title: Type.String(), text: Type.String() }, { $id: 'ConventionArticle' })
const ConventionVersionStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('rejected')])
const conventionVersionFields = {
  version: Type.Integer({ minimum: 1 }),
  status: ConventionVersionStatus,
  changeNote: Type.String(),
  effectiveFrom: Type.Optional(Instant),
  voteId: Type.Optional(Id),
  createdAt: Instant,
  createdByName: Type.String(),
}
export const ConventionVersionSchema = Type.Object(
  { ...conventionVersionFields, articles: Type.Array(ConventionArticleSchema) },
  { $id: 'ConventionVersion' },
)
/** A version as the convention lists it (修订记录): without its articles. */
export const ConventionVersionInfoSchema = Type.Object(conventionVersionFields, { $id: 'ConventionVersionInfo' })
export const ConventionSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    kind: ConventionKindSchema,
    title: Type.String(),
    buildingIds: Type.Array(Id),
    buildingNames: Type.Array(Type.String()),
    inForce: Type.Optional(ConventionVersionSchema),
    versions: Type.Array(ConventionVersionInfoSchema),
    bindsMe: Type.Boolean(),
    myAcknowledgement: Type.Optional(Type.Object({ byName: Type.String(), at: Instant })),
    households: Count,
    acknowledgedHouseholds: Count,
    createdAt: Instant,
  },
  { $id: 'Convention' },
)
export const ConventionListSchema = Type.Array(ConventionSchema, { $id: 'ConventionList' })
const ArticleText = Type.Object({ number: Type.Integer(), title: Type.String(), text: Type.String() })
export const ArticleChangeSchema = Type.Object(
  {
    articleId: Id,
    change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed'), Type.Literal('renumbered'), Type.Literal('unchanged')]),
    before: Type.Optional(ArticleText),
    after: Type.Optional(ArticleText),
  },
  { $id: 'ArticleChange' },
)
export const ArticleChangeListSchema = Type.Array(ArticleChangeSchema, { $id: 'ArticleChangeList' })
export const AcknowledgementSheetSchema = Type.Object(
  {
    conventionId: Id,
    version: Type.Integer({ minimum: 1 }),
    households: Count,
    acknowledged: Count,
    rows: Type.Array(
      Type.Object({
        buildingId: Id,
        buildingName: Type.String(),
        room: Type.String(),
        acknowledged: Type.Boolean(),
        byName: Type.Optional(Type.String()),
        at: Type.Optional(Instant),
      }),
    ),
  },
  { $id: 'AcknowledgementSheet' },
)

export const ArticleInputSchema = Type.Object(
  { id: Type.Optional(InputId), title: Text(200), text: Text(5000) },
  { additionalProperties: false, $id: 'ArticleInput' },
)
const ArticleInputs = Type.Array(ArticleInputSchema, { maxItems: 200 })
/** A new convention; `validateConvention` (kind, title 2–40, 1–50 buildings for a 微公约, 1–60 articles, a change note) is the real rule. */
export const ConventionInputSchema = Type.Object(
  {
    kind: ConventionKindSchema,
    title: Text(200),
    buildingIds: Type.Array(InputId, { maxItems: 200 }),
    articles: ArticleInputs,
    changeNote: Text(2000),
    publish: Type.Boolean(),
    effectiveFrom: Type.Optional(InstantInput()),
  },
  { additionalProperties: false, $id: 'ConventionInput' },
)
export const ConventionDraftInputSchema = Type.Object(
  { articles: ArticleInputs, changeNote: Text(2000) },
  { additionalProperties: false, $id: 'ConventionDraftInput' },
)
/** Publishing a draft: effective from this instant (default now). */
export const PublishDraftInputSchema = Type.Object({ effectiveFrom: Type.Optional(InstantInput()) }, { additionalProperties: false, $id: 'PublishDraftInput' })
/** `GET /conventions/:id/versions/:version`: an unknown version (or a draft for a reader) is the core's 404. */
export const VersionParamsSchema = Type.Object({ id: Id, version: Type.String({ minLength: 1, maxLength: 12 }) })
/** `?from&to`: the two version numbers compared. */
export const DiffQuerySchema = Type.Object({ from: Type.Integer(), to: Type.Integer() }, { additionalProperties: false })

// 民事民提 · 民事民评

export const ProposalStatusSchema = Type.Union([
  Type.Literal('collecting'),
  Type.Literal('agenda'),
  Type.Literal('declined'),
  Type.Literal('merged'),
  Type.Literal('voting'),
  Type.Literal('adopted'),
  Type.Literal('not_adopted'),
  Type.Literal('done'),
])
const proposalSummaryFields = {
  id: Id,
  communityId: Id,
  title: Type.String(),
  authorName: Type.String(),
  authorBuildingName: Type.String(),
  status: ProposalStatusSchema,
  cosigns: Count,
  threshold: Type.Integer(),
  deadline: Instant,
  lapsed: Type.Boolean(),
  cosignedByMyHousehold: Type.Boolean(),
  mine: Type.Boolean(),
  answered: Type.Boolean(),
  contributions: Count,
  createdAt: Instant,
  moderation: Type.Optional(ModerationMarkSchema),
}
export const ProposalSummarySchema = Type.Object(proposalSummaryFields, { $id: 'ProposalSummary' })
export const ProposalSummaryListSchema = Type.Array(ProposalSummarySchema, { $id: 'ProposalSummaryList' })
export const ProposalPageSchema = Type.Object({ items: Type.Array(ProposalSummarySchema), nextCursor: Type.Optional(Type.String()) }, { $id: 'ProposalPage' })
export const ProposalAnswerSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('agenda'), Type.Literal('declined'), Type.Literal('merged')]),
    reason: Type.String(),
    mergedInto: Type.Optional(Type.Object({ id: Id, title: Type.String() })),
    at: Instant,
    byName: Type.String(),
  },
  { $id: 'ProposalAnswer' },
)
export const ProgressUpdateSchema = Type.Object(
  { id: Id, percent: Type.Number(), text: Type.String(), photos: Type.Array(PhotoSchema), at: Instant, byName: Type.String() },
  { $id: 'ProgressUpdate' },
)
export const MinutesSchema = Type.Object({ id: Id, text: Type.String(), photos: Type.Array(PhotoSchema), at: Instant, byName: Type.String() }, { $id: 'Minutes' })
export const EvaluationRatingsSchema = Type.Object(
  { satisfied: Count, basically_satisfied: Count, unsatisfied: Count, mine: Type.Optional(Type.Object({ level: RatingLevelSchema, byName: Type.String() })) },
  { $id: 'EvaluationRatings' },
)
export const ProposalSchema = Type.Object(
  {
    ...proposalSummaryFields,
    body: Type.String(),
    photos: Type.Array(PhotoSchema),
    article: Type.Optional(Type.Object({ conventionId: Id, conventionTitle: Type.String(), articleId: Id, number: Type.Integer(), proposedText: Type.String() })),
    answer: Type.Optional(ProposalAnswerSchema),
    minutes: Type.Array(MinutesSchema),
    voteId: Type.Optional(Id),
    evaluation: Type.Optional(
      Type.Object({ responsible: Type.String(), percent: Type.Number(), updates: Type.Array(ProgressUpdateSchema), ratings: EvaluationRatingsSchema }),
    ),
    canCosign: Type.Boolean(),
    cosignRefusal: Type.Optional(Type.String()),
    canRate: Type.Boolean(),
  },
  { $id: 'Proposal' },
)

/** A new proposal; `validateProposal` (title 4–40, text 10–2000, at most 9 photos, the article's wording) is the real rule. */
export const ProposalInputSchema = Type.Object(
  {
    title: Text(200),
    body: Text(5000),
    photoIds: PhotoIds,
    article: Type.Optional(Type.Object({ conventionId: InputId, articleId: InputId, proposedText: Text(5000) }, { additionalProperties: false })),
  },
  { additionalProperties: false, $id: 'ProposalInput' },
)
export const ProposalQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    filter: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('mine'), Type.Literal('unanswered'), Type.Literal('decided')])),
  },
  { additionalProperties: false },
)
/** `?q=`: what I am about to write (title and text); under 2 characters answers no suggestion. */
export const SimilarQuerySchema = Type.Object({ q: Type.Optional(Text(2000)) }, { additionalProperties: false })
/** 列入议程 / 不予采纳 (a reason, `refuseAnswer`: 2–300) / 合并 (into another open proposal). */
export const ProposalAnswerInputSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('agenda'), reason: Text(2000) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('declined'), reason: Text(2000) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('merged'), reason: Text(2000), intoProposalId: InputId }, { additionalProperties: false }),
  ],
  { $id: 'ProposalAnswerInput' },
)
export const MinutesInputSchema = Type.Object({ text: Text(10000), photoIds: PhotoIds }, { additionalProperties: false, $id: 'MinutesInput' })
/** `validateProgress` (0–100, never below the last, the person responsible on the first update) is the real rule. */
export const ProgressInputSchema = Type.Object(
  { percent: Type.Number(), text: Text(2000), photoIds: PhotoIds, responsible: Type.Optional(Text(200)) },
  { additionalProperties: false, $id: 'ProgressInput' },
)
export const SettingsInputSchema = Type.Object(
  { proposalThreshold: Type.Number(), proposalWindowDays: Type.Number() },
  { additionalProperties: false, $id: 'ConsultationSettingsInput' },
)
export const ConsultationSettingsSchema = Type.Object(
  { communityId: Id, proposalThreshold: Type.Integer(), proposalWindowDays: Type.Integer() },
  { $id: 'ConsultationSettings' },
)

// 民事民议

export const StanceSchema = Type.Union([Type.Literal('for'), Type.Literal('against'), Type.Literal('neutral')])
export const DiscussionSubjectSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('proposal'), id: Id }),
    Type.Object({ kind: Type.Literal('article'), conventionId: Id, articleId: Id }),
    Type.Object({ kind: Type.Literal('disclosure'), id: Id }),
  ],
  { $id: 'DiscussionSubject' },
)
export const ContributionSchema = Type.Object(
  {
    id: Id,
    subject: DiscussionSubjectSchema,
    parentId: Type.Optional(Id),
    authorName: Type.String(),
    official: Type.Boolean(),
    stance: Type.Optional(StanceSchema),
    body: Type.String(),
    hidden: Type.Optional(Type.Object({ reason: Type.String(), byName: Type.String(), at: Instant })),
    mine: Type.Boolean(),
    createdAt: Instant,
    moderation: Type.Optional(ModerationMarkSchema),
  },
  { $id: 'Contribution' },
)
export const StanceCountsSchema = Type.Object({ for: Count, against: Count, neutral: Count }, { $id: 'StanceCounts' })
export const DiscussionPageSchema = Type.Object(
  { items: Type.Array(ContributionSchema), nextCursor: Type.Optional(Type.String()), stances: StanceCountsSchema },
  { $id: 'DiscussionPage' },
)
/**
 * `?kind=proposal&id=` · `?kind=disclosure&id=` · `?kind=article&conventionId=&articleId=`: the
 * subject of a discussion (a malformed one is the core's 400), with the page's cursor and limit.
 */
export const DiscussionQuerySchema = Type.Object(
  {
    kind: Type.String({ maxLength: 20 }),
    id: Type.Optional(Type.String({ maxLength: 64 })),
    conventionId: Type.Optional(Type.String({ maxLength: 64 })),
    articleId: Type.Optional(Type.String({ maxLength: 64 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
)
/** A contribution; `validateContribution` (2–1000 characters, a stance on a top-level one) is the real rule. */
export const ContributionInputSchema = Type.Object(
  { body: Text(5000), stance: Type.Optional(StanceSchema), parentId: Type.Optional(InputId) },
  { additionalProperties: false, $id: 'ContributionInput' },
)

// 民事民决

export const MajorityRuleSchema = Type.Union([Type.Literal('simple'), Type.Literal('two_thirds')])
export const VoteStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('published')])
const BallotChannel = Type.Union([Type.Literal('phone'), Type.Literal('paper')])
const VoteKind = Type.Union([Type.Literal('approval'), Type.Literal('choice')])
export const VoteOptionSchema = Type.Object({ id: Id, label: Type.String() }, { $id: 'VoteOption' })
export const VoteResultSchema = Type.Object(
  {
    voteId: Id,
    eligible: Count,
    voted: Count,
    quorumPercent: Type.Number(),
    quorumMet: Type.Boolean(),
    majority: MajorityRuleSchema,
    tally: Type.Array(Type.Object({ optionId: Id, label: Type.String(), count: Count })),
    paperBallots: Count,
    winningOptionId: Type.Optional(Id),
    passed: Type.Boolean(),
  },
  { $id: 'VoteResult' },
)
const VoteScope = Type.Union([Type.Object({ kind: Type.Literal('community') }), Type.Object({ kind: Type.Literal('buildings'), buildingIds: Type.Array(Id) })])
export const VoteSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    title: Type.String(),
    description: Type.String(),
    kind: VoteKind,
    options: Type.Array(VoteOptionSchema),
    scope: VoteScope,
    scopeLabel: Type.String(),
    quorumPercent: Type.Number(),
    majority: MajorityRuleSchema,
    publicityDays: Type.Number(),
    proposal: Type.Optional(Type.Object({ id: Id, title: Type.String() })),
    convention: Type.Optional(Type.Object({ id: Id, title: Type.String(), version: Type.Integer() })),
    opensAt: Instant,
    closesAt: Instant,
    status: VoteStatusSchema,
    publishedAt: Type.Optional(Instant),
    publicityEndsAt: Type.Optional(Instant),
    eligible: Count,
    voted: Count,
    myHousehold: Type.Object({
      eligible: Type.Boolean(),
      ballot: Type.Optional(Type.Object({ castByName: Type.String(), at: Instant, channel: BallotChannel })),
    }),
    result: Type.Optional(VoteResultSchema),
    createdAt: Instant,
    createdByName: Type.String(),
  },
  { $id: 'Vote' },
)
export const VotePageSchema = Type.Object({ items: Type.Array(VoteSchema), nextCursor: Type.Optional(Type.String()) }, { $id: 'VotePage' })
export const VoteRollSchema = Type.Object(
  {
    voteId: Id,
    rows: Type.Array(
      Type.Object({
        buildingId: Id,
        buildingName: Type.String(),
        room: Type.String(),
        voted: Type.Boolean(),
        channel: Type.Optional(BallotChannel),
        castByName: Type.Optional(Type.String()),
        enteredByName: Type.Optional(Type.String()),
        at: Type.Optional(Instant),
      }),
    ),
  },
  { $id: 'VoteRoll' },
)
/** A new vote; `validateVote` (title 2–50, 2–10 options for a choice, closing 1 hour to 60 days ahead, quorum 1–100 %, 公示 1–30 days) is the real rule. */
export const VoteInputSchema = Type.Object(
  {
    title: Text(200),
    description: Text(5000),
    kind: VoteKind,
    options: Type.Array(Text(100), { maxItems: 50 }),
    scope: NoticeScopeSchema,
    closesAt: InstantInput(),
    quorumPercent: Type.Number(),
    majority: MajorityRuleSchema,
    publicityDays: Type.Number(),
    proposalId: Type.Optional(InputId),
    conventionId: Type.Optional(InputId),
  },
  { additionalProperties: false, $id: 'VoteInput' },
)
/** My household's ballot: an option of the vote (another id is the core's 422). */
export const BallotInputSchema = Type.Object({ optionId: InputId }, { additionalProperties: false, $id: 'BallotInput' })
/** A paper ballot staff enter; `refusePaperBallot` (a household on the roll, an option, who handed it in 2–50) is the real rule. */
export const PaperBallotInputSchema = Type.Object(
  { buildingId: InputId, room: Text(20), optionId: InputId, note: Text(200) },
  { additionalProperties: false, $id: 'PaperBallotInput' },
)

// 村务公开

export const DisclosureCategorySchema = Type.Union([Type.Literal('party'), Type.Literal('affairs'), Type.Literal('finance')])
export const DisclosurePeriodSchema = Type.Union(
  [
    Type.Object({ year: Type.Number(), month: Type.Number() }, { additionalProperties: false }),
    Type.Object({ year: Type.Number(), quarter: Type.Number() }, { additionalProperties: false }),
  ],
  { $id: 'DisclosurePeriod' },
)
const FinanceItemKind = Type.Union([Type.Literal('income'), Type.Literal('expense')])
export const FinanceTableSchema = Type.Object(
  {
    items: Type.Array(Type.Object({ kind: FinanceItemKind, name: Type.String(), amountFen: Type.Number() })),
    totalIncomeFen: Type.Number(),
    totalExpenseFen: Type.Number(),
    openingBalanceFen: Type.Optional(Type.Number()),
    closingBalanceFen: Type.Optional(Type.Number()),
  },
  { $id: 'FinanceTable' },
)
const disclosureSummaryFields = {
  id: Id,
  communityId: Id,
  category: DisclosureCategorySchema,
  period: DisclosurePeriodSchema,
  periodLabel: Type.String(),
  title: Type.String(),
  publishedAt: Instant,
  publishedByName: Type.String(),
  readByMe: Type.Boolean(),
  questions: Count,
}
export const DisclosureSummarySchema = Type.Object(disclosureSummaryFields, { $id: 'DisclosureSummary' })
export const DisclosurePageSchema = Type.Object(
  { items: Type.Array(DisclosureSummarySchema), nextCursor: Type.Optional(Type.String()) },
  { $id: 'DisclosurePage' },
)
export const DisclosureSchema = Type.Object(
  {
    ...disclosureSummaryFields,
    body: Type.String(),
    photos: Type.Array(PhotoSchema),
    finance: Type.Optional(FinanceTableSchema),
    households: Type.Optional(Count),
    readHouseholds: Type.Optional(Count),
  },
  { $id: 'Disclosure' },
)
/** A disclosure; `validateDisclosure` and `checkFinance` (totals are the sums of their items, each error on its line) are the real rule. */
export const DisclosureInputSchema = Type.Object(
  {
    category: DisclosureCategorySchema,
    period: Type.Union([
      Type.Object({ year: Type.Number(), month: Type.Number() }, { additionalProperties: false }),
      Type.Object({ year: Type.Number(), quarter: Type.Number() }, { additionalProperties: false }),
    ]),
    title: Text(200),
    body: Text(20000),
    photoIds: PhotoIds,
    finance: Type.Optional(
      Type.Object(
        {
          items: Type.Array(Type.Object({ kind: FinanceItemKind, name: Text(200), amountFen: Type.Number() }, { additionalProperties: false }), { maxItems: 500 }),
          totalIncomeFen: Type.Number(),
          totalExpenseFen: Type.Number(),
          openingBalanceFen: Type.Optional(Type.Number()),
          closingBalanceFen: Type.Optional(Type.Number()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'DisclosureInput' },
)
export const DisclosureQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    category: Type.Optional(DisclosureCategorySchema),
  },
  { additionalProperties: false },
)

/** The front door's consultation part. */
export const ConsultationOverviewSchema = Type.Object(
  {
    votesToCast: Type.Array(VoteSchema),
    conventionsToAcknowledge: Type.Array(ConventionSchema),
    nearThreshold: Type.Array(ProposalSummarySchema),
    latestDisclosure: Type.Optional(DisclosureSummarySchema),
  },
  { $id: 'ConsultationOverview' },
)

// ── service booking (issue 12) ──────────────────────────────────────────────────────────────────
// As for consultation, inputs are transport caps; the core's rules (`validateService`,
// `validateAnswers`, the booking rules …) answer 422 per field with their Chinese messages.

export const ServiceKindSchema = Type.Union([
  Type.Literal('home_visit'),
  Type.Literal('legal'),
  Type.Literal('mediation'),
  Type.Literal('venue'),
  Type.Literal('errand'),
  Type.Literal('volunteer'),
])
export const HouseholdTagSchema = Type.Union([Type.Literal('elderly'), Type.Literal('disabled'), Type.Literal('low_income')])
const QuestionKind = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('phone')])
const Weekday = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4), Type.Literal(5), Type.Literal(6), Type.Literal(7)])
export const LimitPeriodSchema = Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])
const ServiceStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')])

export const BookingQuestionSchema = Type.Object(
  { id: Type.String(), label: Type.String(), kind: QuestionKind, required: Type.Boolean(), max: Type.Optional(Type.Integer()) },
  { $id: 'BookingQuestion' },
)
export const OpeningHoursSchema = Type.Object({ weekday: Weekday, start: Type.String(), end: Type.String() }, { $id: 'OpeningHours' })
export const ScheduleExceptionSchema = Type.Union(
  [
    Type.Object({ date: Type.String(), kind: Type.Literal('closed'), note: Type.String() }),
    Type.Object({ date: Type.String(), kind: Type.Literal('extra'), start: Type.String(), end: Type.String(), note: Type.String() }),
  ],
  { $id: 'ScheduleException' },
)
export const BookingRulesSchema = Type.Object(
  {
    minNoticeMinutes: Type.Integer(),
    maxDaysAhead: Type.Integer(),
    householdLimit: Type.Optional(Type.Object({ count: Type.Integer(), period: LimitPeriodSchema })),
    changeCutoffMinutes: Type.Integer(),
  },
  { $id: 'BookingRules' },
)
const ServiceLocation = Type.Union([Type.Object({ kind: Type.Literal('address'), address: Type.String() }), Type.Object({ kind: Type.Literal('home') })])
export const ServiceSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    name: Type.String(),
    kind: ServiceKindSchema,
    description: Type.String(),
    location: ServiceLocation,
    provider: Type.String(),
    durationMinutes: Type.Integer(),
    bufferMinutes: Type.Integer(),
    capacity: Type.Integer(),
    eligibility: Type.Array(HouseholdTagSchema),
    questions: Type.Array(BookingQuestionSchema),
    requiresConfirmation: Type.Boolean(),
    rules: BookingRulesSchema,
    hours: Type.Array(OpeningHoursSchema),
    exceptions: Type.Array(ScheduleExceptionSchema),
    status: ServiceStatus,
    updatedAt: Instant,
    myEligibility: Type.Optional(Type.Object({ eligible: Type.Boolean(), reason: Type.Optional(Type.String()) })),
  },
  { $id: 'Service' },
)
export const ServiceListSchema = Type.Array(ServiceSchema, { $id: 'ServiceList' })

const slotFields = {
  serviceId: Id,
  startsAt: Instant,
  endsAt: Instant,
  capacity: Count,
  seatsLeft: Count,
  waitlist: Count,
  bookable: Type.Boolean(),
  reason: Type.Optional(Type.String()),
  myBookingId: Type.Optional(Id),
}
export const SlotSchema = Type.Object(slotFields, { $id: 'Slot' })
export const SlotDaySchema = Type.Object(
  { date: Type.String(), weekday: Type.Integer(), slots: Type.Array(SlotSchema), note: Type.Optional(Type.String()), closed: Type.Boolean() },
  { $id: 'SlotDay' },
)
export const SlotDayListSchema = Type.Array(SlotDaySchema, { $id: 'SlotDayList' })

export const BookingStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('confirmed'),
  Type.Literal('waitlisted'),
  Type.Literal('checked_in'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
  Type.Literal('rejected'),
  Type.Literal('no_show'),
  Type.Literal('expired'),
])
export const BookingAnswerSchema = Type.Object({ questionId: Type.String(), label: Type.String(), value: Type.String() }, { $id: 'BookingAnswer' })
const BookingAction = Type.Union([
  Type.Literal('booked'),
  Type.Literal('waitlisted'),
  Type.Literal('promoted'),
  Type.Literal('confirmed'),
  Type.Literal('rejected'),
  Type.Literal('rescheduled'),
  Type.Literal('reminded'),
  Type.Literal('checked_in'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
  Type.Literal('no_show'),
  Type.Literal('expired'),
  Type.Literal('rated'),
])
export const BookingEventSchema = Type.Object(
  { at: Instant, action: BookingAction, byName: Type.String(), note: Type.Optional(Type.String()) },
  { $id: 'BookingEvent' },
)
export const BookingSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    service: Type.Object({ id: Id, name: Type.String(), kind: ServiceKindSchema, location: ServiceLocation, provider: Type.String() }),
    startsAt: Instant,
    endsAt: Instant,
    status: BookingStatusSchema,
    household: Type.Object({ buildingId: Id, buildingName: Type.String(), room: Type.String() }),
    person: Type.Object({ id: Id, name: Type.String() }),
    bookedBy: Type.Optional(Type.Object({ id: Id, name: Type.String() })),
    answers: Type.Array(BookingAnswerSchema),
    checkInCode: Type.Optional(Type.String()),
    waitlistPosition: Type.Optional(Type.Integer({ minimum: 1 })),
    cancellation: Type.Optional(
      Type.Object({ by: Type.Union([Type.Literal('resident'), Type.Literal('staff')]), reason: Type.String(), at: Instant, byName: Type.String() }),
    ),
    rejection: Type.Optional(Type.Object({ reason: Type.String(), at: Instant, byName: Type.String() })),
    rating: Type.Optional(Type.Object({ stars: Type.Integer(), comment: Type.String(), at: Instant })),
    history: Type.Array(BookingEventSchema),
    createdAt: Instant,
    can: Type.Object({ cancel: Type.Boolean(), reschedule: Type.Boolean(), rate: Type.Boolean(), why: Type.Optional(Type.String()) }),
  },
  { $id: 'Booking' },
)
export const BookingPageSchema = Type.Object({ items: Type.Array(BookingSchema), nextCursor: Type.Optional(Type.String()) }, { $id: 'BookingPage' })
export const BookingPauseSchema = Type.Object({ until: Instant, noShows: Type.Array(Instant) }, { $id: 'BookingPause' })
export const MyBookingsSchema = Type.Object({ upcoming: Type.Array(BookingSchema), pause: Type.Optional(BookingPauseSchema) }, { $id: 'MyBookings' })
export const ServiceDaySchema = Type.Object(
  { service: ServiceSchema, date: Type.String(), slots: Type.Array(Type.Object({ ...slotFields, bookings: Type.Array(BookingSchema) })) },
  { $id: 'ServiceDay' },
)

/** `?kind&all`: one kind of service; staff with `all=true` see drafts and retired ones too. */
export const ServiceQuerySchema = Type.Object({ kind: Type.Optional(ServiceKindSchema), all: Type.Optional(Type.Boolean()) }, { additionalProperties: false })
/** A service as staff write it; `validateService` (name ≤ 30, 10–480 minutes, 1–200 seats, the hours and exceptions, the rules …) is the real rule. */
export const ServiceInputSchema = Type.Object(
  {
    name: Text(200),
    kind: ServiceKindSchema,
    description: Text(5000),
    location: Type.Union([
      Type.Object({ kind: Type.Literal('address'), address: Text(500) }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('home') }, { additionalProperties: false }),
    ]),
    provider: Text(200),
    durationMinutes: Type.Number(),
    bufferMinutes: Type.Number(),
    capacity: Type.Number(),
    eligibility: Type.Array(HouseholdTagSchema, { maxItems: 10 }),
    questions: Type.Array(
      Type.Object(
        { id: Text(40), label: Text(200), kind: QuestionKind, required: Type.Boolean(), max: Type.Optional(Type.Number()) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    requiresConfirmation: Type.Boolean(),
    rules: Type.Object(
      {
        minNoticeMinutes: Type.Number(),
        maxDaysAhead: Type.Number(),
        householdLimit: Type.Optional(Type.Object({ count: Type.Number(), period: LimitPeriodSchema }, { additionalProperties: false })),
        changeCutoffMinutes: Type.Number(),
      },
      { additionalProperties: false },
    ),
    hours: Type.Array(Type.Object({ weekday: Weekday, start: Text(10), end: Text(10) }, { additionalProperties: false }), { maxItems: 200 }),
    exceptions: Type.Array(
      Type.Union([
        Type.Object({ date: Text(20), kind: Type.Literal('closed'), note: Text(200) }, { additionalProperties: false }),
        Type.Object({ date: Text(20), kind: Type.Literal('extra'), start: Text(10), end: Text(10), note: Text(200) }, { additionalProperties: false }),
      ]),
      { maxItems: 500 },
    ),
    status: ServiceStatus,
  },
  { additionalProperties: false, $id: 'ServiceInput' },
)
/** `?from&to`: Beijing dates (YYYY-MM-DD), at most 31 days; what counts as a date is the core's rule (400). */
export const SlotQuerySchema = Type.Object({ from: Type.String({ minLength: 1, maxLength: 20 }), to: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false })
/** `GET /services/:id/days/:date`: the date is the core's to check (400). */
export const ServiceDayParamsSchema = Type.Object({ id: Id, date: Type.String({ minLength: 1, maxLength: 20 }) })
/** A booking; the slot, the answers (`validateAnswers`) and the rules (notice, window, limit, eligibility, a pause) are the core's (422/403/409). */
export const BookingInputSchema = Type.Object(
  {
    serviceId: InputId,
    startsAt: InstantInput(),
    answers: Type.Record(Type.String({ maxLength: 40 }), Text(2000), { maxProperties: 50 }),
    waitlist: Type.Optional(Type.Boolean()),
    forUserId: Type.Optional(InputId),
  },
  { additionalProperties: false, $id: 'BookingInput' },
)
export const RescheduleInputSchema = Type.Object({ startsAt: InstantInput() }, { additionalProperties: false, $id: 'RescheduleInput' })
/** A typed 6-digit code or a scanned `linli:checkin:<bookingId>:<code>`; `parseCheckIn` is the real rule (422). */
export const CheckInInputSchema = Type.Object({ code: Text(200), serviceId: Type.Optional(InputId) }, { additionalProperties: false, $id: 'CheckInInput' })
/** `validateBookingRating` (1–5 stars, a comment ≤ 300) is the real rule. */
export const BookingRatingInputSchema = Type.Object({ stars: Type.Number(), comment: Text(2000) }, { additionalProperties: false, $id: 'BookingRatingInput' })
/** `?period=YYYY-MM-DD|YYYY-MM&serviceId`: what counts as a period is the core's rule (400). */
export const BookingExportQuerySchema = Type.Object(
  { period: Type.String({ minLength: 1, maxLength: 20 }), serviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
)
/** A household's tags (高龄 / 残疾 / 低保); the building and room are the core's to check (422). */
export const HouseholdTagsSchema = Type.Object(
  { buildingId: InputId, room: Text(20), tags: Type.Array(HouseholdTagSchema, { maxItems: 10 }) },
  { additionalProperties: false, $id: 'HouseholdTags' },
)
/** `?buildingId&room`: a household for 代约 and its tags; both are the core's to check (422). */
export const HouseholdQuerySchema = Type.Object({ buildingId: InputId, room: Text(20) }, { additionalProperties: false })
export const BookingHouseholdSchema = Type.Object(
  { buildingId: Id, buildingName: Type.String(), room: Type.String(), members: Type.Array(HouseholdMemberSchema), tags: Type.Array(HouseholdTagSchema) },
  { $id: 'BookingHousehold' },
)

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
    consultation: Type.Object({
      proposals: Type.Array(Type.Object({ id: Id, communityId: Id, title: Type.String(), body: Type.String(), status: ProposalStatusSchema, createdAt: Instant })),
      contributions: Type.Array(
        Type.Object({ id: Id, subjectKey: Type.String(), stance: Type.Optional(StanceSchema), body: Type.String(), hidden: Type.Boolean(), createdAt: Instant }),
      ),
      cosigns: Type.Array(Type.Object({ proposalId: Id, buildingId: Id, room: Type.String(), at: Instant })),
      acknowledgements: Type.Array(Type.Object({ conventionId: Id, version: Type.Integer(), buildingId: Id, room: Type.String(), at: Instant })),
      ballots: Type.Array(Type.Object({ voteId: Id, buildingId: Id, room: Type.String(), channel: BallotChannel, at: Instant })),
      ratings: Type.Array(Type.Object({ proposalId: Id, level: RatingLevelSchema, comment: Type.String(), at: Instant })),
    }),
    bookings: Type.Array(
      Type.Object({
        id: Id,
        /** Booked for me (true), or by me for someone else (代约: false, and without their answers). */
        forMe: Type.Boolean(),
        serviceId: Id,
        serviceName: Type.String(),
        startsAt: Instant,
        status: BookingStatusSchema,
        answers: Type.Array(BookingAnswerSchema),
        createdAt: Instant,
      }),
    ),
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

// ── content security: the moderation queue and the audit log (issue 13) ─────────────────────────

export const ModerationKindSchema = Type.Union([
  Type.Literal('report'),
  Type.Literal('message'),
  Type.Literal('notice'),
  Type.Literal('proposal'),
  Type.Literal('contribution'),
  Type.Literal('question'),
  Type.Literal('photo'),
])
export const ModerationItemSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    kind: ModerationKindSchema,
    subject: Type.Object({ id: Id, threadId: Type.Optional(ThreadId), discussion: Type.Optional(DiscussionSubjectSchema) }),
    authorId: Id,
    authorName: Type.String(),
    text: Type.String(),
    photo: Type.Optional(PhotoSchema),
    heldFor: Type.String({ description: '内容检查拦下它的原因（如“词表：加微信”、微信的标签 20003），只给审核人看' }),
    status: Type.Union([Type.Literal('held'), Type.Literal('approved'), Type.Literal('rejected')]),
    createdAt: Instant,
    decidedAt: Type.Optional(Instant),
    decidedByName: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
  },
  { $id: 'ModerationItem' },
)
export const ModerationPageSchema = Type.Object({ items: Type.Array(ModerationItemSchema), nextCursor: Type.Optional(Type.String()) }, { $id: 'ModerationPage' })

export const AuditActionSchema = Type.Union([
  Type.Literal('report.accept'),
  Type.Literal('report.reject'),
  Type.Literal('report.assign'),
  Type.Literal('report.transfer'),
  Type.Literal('report.progress'),
  Type.Literal('report.resolve'),
  Type.Literal('report.close'),
  Type.Literal('report.merge'),
  Type.Literal('report.escalate'),
  Type.Literal('contribution.hide'),
  Type.Literal('vote.paper_ballot'),
  Type.Literal('moderation.approve'),
  Type.Literal('moderation.reject'),
  Type.Literal('role.grant'),
  Type.Literal('role.revoke'),
  Type.Literal('phone.reveal'),
])
export const AuditSubjectKindSchema = Type.Union([
  Type.Literal('report'),
  Type.Literal('message'),
  Type.Literal('notice'),
  Type.Literal('proposal'),
  Type.Literal('contribution'),
  Type.Literal('vote'),
  Type.Literal('user'),
  Type.Literal('photo'),
])
export const AuditEventSchema = Type.Object(
  {
    id: Id,
    communityId: Id,
    at: Instant,
    actor: Type.Object({ id: Id, name: Type.String(), role: Role }),
    action: AuditActionSchema,
    subject: Type.Object({ kind: AuditSubjectKindSchema, id: Id }),
    concerns: Type.Optional(Type.Object({ id: Id, name: Type.String() })),
    note: Type.Optional(Type.String()),
    details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  },
  { $id: 'AuditEvent' },
)
export const AuditPageSchema = Type.Object({ items: Type.Array(AuditEventSchema), nextCursor: Type.Optional(Type.String()) }, { $id: 'AuditPage' })
/** What the log is filtered by; an action or subject kind the log does not know is a malformed request (400). */
export const AuditQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    communityId: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    subjectKind: Type.Optional(Type.String({ maxLength: 64 })),
    subjectId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
)
/** A moderator's refusal: the reason its author reads (`validateModerationReason`: 2–200) is the real rule. */
export const ModerationRejectInputSchema = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false, $id: 'ModerationRejectInput' })

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
  Assert<Equal<Type.Static<typeof PhoneRevealBodySchema>, { reason?: string; note?: string }>>,
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
  // issue 11: conventions and consultation
  Assert<Equal<Type.Static<typeof ConventionKindSchema>, D.ConventionKind>>,
  Assert<Equal<Type.Static<typeof ConventionArticleSchema>, D.ConventionArticle>>,
  Assert<Equal<Type.Static<typeof ConventionVersionSchema>, D.ConventionVersion>>,
  Assert<Equal<Type.Static<typeof ConventionVersionInfoSchema>, Omit<D.ConventionVersion, 'articles'>>>,
  Assert<Equal<Type.Static<typeof ConventionSchema>, D.Convention>>,
  Assert<Equal<Type.Static<typeof ConventionListSchema>, D.Convention[]>>,
  Assert<Equal<Type.Static<typeof ArticleChangeSchema>, D.ArticleChange>>,
  Assert<Equal<Type.Static<typeof ArticleChangeListSchema>, D.ArticleChange[]>>,
  Assert<Equal<Type.Static<typeof AcknowledgementSheetSchema>, D.AcknowledgementSheet>>,
  Assert<Equal<Type.Static<typeof ArticleInputSchema>, A.ArticleInput>>,
  Assert<Equal<Type.Static<typeof ConventionInputSchema>, A.ConventionInput>>,
  Assert<Equal<Type.Static<typeof ConventionDraftInputSchema>, A.ConventionDraftInput>>,
  Assert<Equal<Type.Static<typeof PublishDraftInputSchema>, { effectiveFrom?: string }>>,
  Assert<Equal<Type.Static<typeof ProposalStatusSchema>, D.ProposalStatus>>,
  Assert<Equal<Type.Static<typeof ProposalSummarySchema>, D.ProposalSummary>>,
  Assert<Equal<Type.Static<typeof ProposalSummaryListSchema>, D.ProposalSummary[]>>,
  Assert<Equal<Type.Static<typeof ProposalPageSchema>, D.Page<D.ProposalSummary>>>,
  Assert<Equal<Type.Static<typeof ProposalAnswerSchema>, D.ProposalAnswer>>,
  Assert<Equal<Type.Static<typeof ProgressUpdateSchema>, D.ProgressUpdate>>,
  Assert<Equal<Type.Static<typeof MinutesSchema>, D.Minutes>>,
  Assert<Equal<Type.Static<typeof EvaluationRatingsSchema>, D.EvaluationRatings>>,
  Assert<Equal<Type.Static<typeof ProposalSchema>, D.Proposal>>,
  Assert<Equal<Type.Static<typeof ProposalInputSchema>, A.ProposalInput>>,
  Assert<Equal<Type.Static<typeof ProposalQuerySchema>, A.ProposalQuery>>,
  Assert<Equal<Type.Static<typeof ProposalAnswerInputSchema>, A.ProposalAnswerInput>>,
  Assert<Equal<Type.Static<typeof MinutesInputSchema>, A.MinutesInput>>,
  Assert<Equal<Type.Static<typeof ProgressInputSchema>, A.ProgressInput>>,
  Assert<Equal<Type.Static<typeof SettingsInputSchema>, Pick<D.ConsultationSettings, 'proposalThreshold' | 'proposalWindowDays'>>>,
  Assert<Equal<Type.Static<typeof ConsultationSettingsSchema>, D.ConsultationSettings>>,
  Assert<Equal<Type.Static<typeof StanceSchema>, D.Stance>>,
  Assert<Equal<Type.Static<typeof DiscussionSubjectSchema>, D.DiscussionSubject>>,
  Assert<Equal<Type.Static<typeof ContributionSchema>, D.Contribution>>,
  Assert<Equal<Type.Static<typeof StanceCountsSchema>, D.StanceCounts>>,
  Assert<Equal<Type.Static<typeof DiscussionPageSchema>, D.Page<D.Contribution> & { stances: D.StanceCounts }>>,
  Assert<Equal<Type.Static<typeof ContributionInputSchema>, A.ContributionInput>>,
  Assert<Equal<Type.Static<typeof MajorityRuleSchema>, D.MajorityRule>>,
  Assert<Equal<Type.Static<typeof VoteStatusSchema>, D.VoteStatus>>,
  Assert<Equal<Type.Static<typeof VoteOptionSchema>, D.VoteOption>>,
  Assert<Equal<Type.Static<typeof VoteResultSchema>, D.VoteResult>>,
  Assert<Equal<Type.Static<typeof VoteSchema>, D.Vote>>,
  Assert<Equal<Type.Static<typeof VotePageSchema>, D.Page<D.Vote>>>,
  Assert<Equal<Type.Static<typeof VoteRollSchema>, D.VoteRoll>>,
  Assert<Equal<Type.Static<typeof VoteInputSchema>, A.VoteInput>>,
  Assert<Equal<Type.Static<typeof BallotInputSchema>, { optionId: D.Id }>>,
  Assert<Equal<Type.Static<typeof PaperBallotInputSchema>, A.PaperBallotInput>>,
  Assert<Equal<Type.Static<typeof DisclosureCategorySchema>, D.DisclosureCategory>>,
  Assert<Equal<Type.Static<typeof DisclosurePeriodSchema>, D.DisclosurePeriod>>,
  Assert<Equal<Type.Static<typeof FinanceTableSchema>, D.FinanceTable>>,
  Assert<Equal<Type.Static<typeof DisclosureSummarySchema>, D.DisclosureSummary>>,
  Assert<Equal<Type.Static<typeof DisclosurePageSchema>, D.Page<D.DisclosureSummary>>>,
  Assert<Equal<Type.Static<typeof DisclosureSchema>, D.Disclosure>>,
  Assert<Equal<Type.Static<typeof DisclosureInputSchema>, A.DisclosureInput>>,
  Assert<Equal<Type.Static<typeof DisclosureQuerySchema>, A.DisclosureQuery>>,
  Assert<Equal<Type.Static<typeof ConsultationOverviewSchema>, D.ConsultationOverview>>,
  // issue 12: service booking
  Assert<Equal<Type.Static<typeof ServiceKindSchema>, D.ServiceKind>>,
  Assert<Equal<Type.Static<typeof HouseholdTagSchema>, D.HouseholdTag>>,
  Assert<Equal<Type.Static<typeof LimitPeriodSchema>, D.LimitPeriod>>,
  Assert<Equal<Type.Static<typeof BookingQuestionSchema>, D.BookingQuestion>>,
  Assert<Equal<Type.Static<typeof OpeningHoursSchema>, D.OpeningHours>>,
  Assert<Equal<Type.Static<typeof ScheduleExceptionSchema>, D.ScheduleException>>,
  Assert<Equal<Type.Static<typeof BookingRulesSchema>, D.BookingRules>>,
  Assert<Equal<Type.Static<typeof ServiceSchema>, D.Service>>,
  Assert<Equal<Type.Static<typeof ServiceListSchema>, D.Service[]>>,
  Assert<Equal<Type.Static<typeof SlotSchema>, D.Slot>>,
  Assert<Equal<Type.Static<typeof SlotDaySchema>, D.SlotDay>>,
  Assert<Equal<Type.Static<typeof SlotDayListSchema>, D.SlotDay[]>>,
  Assert<Equal<Type.Static<typeof BookingStatusSchema>, D.BookingStatus>>,
  Assert<Equal<Type.Static<typeof BookingAnswerSchema>, D.BookingAnswer>>,
  Assert<Equal<Type.Static<typeof BookingEventSchema>, D.BookingEvent>>,
  Assert<Equal<Type.Static<typeof BookingSchema>, D.Booking>>,
  Assert<Equal<Type.Static<typeof BookingPageSchema>, D.Page<D.Booking>>>,
  Assert<Equal<Type.Static<typeof BookingPauseSchema>, D.BookingPause>>,
  Assert<Equal<Type.Static<typeof MyBookingsSchema>, D.MyBookings>>,
  Assert<Equal<Type.Static<typeof ServiceDaySchema>, D.ServiceDay>>,
  Assert<Equal<Type.Static<typeof ServiceQuerySchema>, A.ServiceQuery>>,
  Assert<Equal<Type.Static<typeof ServiceInputSchema>, A.ServiceInput>>,
  Assert<Equal<Type.Static<typeof SlotQuerySchema>, A.SlotQuery>>,
  Assert<Equal<Type.Static<typeof BookingInputSchema>, A.BookingInput>>,
  Assert<Equal<Type.Static<typeof ReasonSchema>, A.CancelInput>>,
  Assert<Equal<Type.Static<typeof RescheduleInputSchema>, A.RescheduleInput>>,
  Assert<Equal<Type.Static<typeof CheckInInputSchema>, A.CheckInInput>>,
  Assert<Equal<Type.Static<typeof BookingRatingInputSchema>, A.BookingRatingInput>>,
  Assert<Equal<Type.Static<typeof BookingExportQuerySchema>, A.BookingExportQuery>>,
  Assert<Equal<Type.Static<typeof HouseholdTagsSchema>, A.HouseholdTagsInput>>,
  Assert<Equal<Type.Static<typeof BookingHouseholdSchema>, D.BookingHousehold>>,
  Assert<Equal<Type.Static<typeof HouseholdQuerySchema>, { buildingId: string; room: string }>>,
  // issue 13: content security
  Assert<Equal<Type.Static<typeof ModerationMarkSchema>, D.ModerationMark>>,
  Assert<Equal<Type.Static<typeof ModerationKindSchema>, D.ModerationKind>>,
  Assert<Equal<Type.Static<typeof ModerationItemSchema>, D.ModerationItem>>,
  Assert<Equal<Type.Static<typeof ModerationPageSchema>, D.Page<D.ModerationItem>>>,
  Assert<Equal<Type.Static<typeof AuditActionSchema>, D.AuditAction>>,
  Assert<Equal<Type.Static<typeof AuditSubjectKindSchema>, D.AuditSubjectKind>>,
  Assert<Equal<Type.Static<typeof AuditEventSchema>, D.AuditEvent>>,
  Assert<Equal<Type.Static<typeof AuditPageSchema>, D.Page<D.AuditEvent>>>,
  Assert<Equal<Type.Static<typeof ModerationRejectInputSchema>, { reason: string }>>,
]
