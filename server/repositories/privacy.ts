import type { InvitedRole, Role } from '../../types/domain'
import type { PersonalRecords, PrivacyRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { BOOKING_COLUMNS, toBooking, type BookingRow } from './bookings'
import { CLAIM_COLUMNS, CLAIM_FROM, toClaim } from './claims'
import { ACKNOWLEDGEMENT_COLUMNS, toAcknowledgement } from './conventions'
import { CONTRIBUTION_COLUMNS, toContribution } from './contributions'
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './messages'
import { NOTICE_COLUMNS, toNotice, type NoticeRow } from './notices'
import { toPhoto } from './photos'
import { COSIGN_COLUMNS, PROPOSAL_COLUMNS, RATING_COLUMNS, toCosign, toProposal, toRating } from './proposals'
import { EVENT_COLUMNS, REPORT_COLUMNS, toEvent, toReport, type EventRow, type ReportRow } from './reports'
import { iso, json } from './rows'
import { RECEIPT_COLUMNS, toReceipt } from './votes'

/**
 * A person's data (PIPL art. 45 and 47) in SQL.
 *
 * What `collect` counts as theirs:
 * - reports they reported or filed (代报), and the reports filed for the household they live in now
 *   (their verified home, in their community) — the reports "my reports" shows them — newest first;
 * - their claims newest first (as their profile lists them);
 * - everything else in the order it happened: the timeline steps they took, their voices (附议),
 *   the messages they wrote, the notices they read and published, the photos they uploaded, their
 *   sessions (when made and until when, never the token's hash) and the invites they used;
 * - of the consultation (issue 11), in the order it happened: the proposals and contributions they
 *   wrote, and what they did for their household — co-signs, acknowledgements, the receipts of the
 *   ballots they cast (never a choice: none is stored with a household) and ratings;
 * - of service booking (issue 12), newest first: the bookings for them, and those they made for
 *   others (代约).
 */

interface PersonRow {
  id: string
  name: string
  phone: string
  roles: Role[]
  community_id: string | null
  home_building_id: string | null
  home_room: string | null
  created_at: unknown
  wechat_openid: string | null
  demo: boolean
}

export async function collectPersonalRecords(q: Queryable, userId: string): Promise<PersonalRecords | null> {
  const [p] = await q.query<PersonRow & ConsultationColumns>(
    `SELECT id, name, phone, roles, community_id, home_building_id, home_room, created_at, wechat_openid, demo, ${CONSULTATION} FROM users WHERE id = $1`,
    [userId],
  )
  if (!p) return null
  const claims = await q.query<Parameters<typeof toClaim>[0]>(`SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM} WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [userId])
  const reports = await q.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM reports
     WHERE reporter_id = $1 OR filed_by_id = $1
        OR (beneficiary_building_id = $2::text AND beneficiary_room = $3::text AND community_id = $4::text)
     ORDER BY created_at DESC, id DESC`,
    [userId, p.home_building_id, p.home_room, p.community_id],
  )
  const steps = await q.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM report_events WHERE actor_id = $1 ORDER BY at, seq`, [userId])
  const meToo = await q.query<{ report_id: string; created_at: unknown }>('SELECT report_id, created_at FROM me_too WHERE user_id = $1 ORDER BY created_at, report_id', [
    userId,
  ])
  const messages = await q.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE author_id = $1 ORDER BY seq`, [userId])
  const reads = await q.query<{ notice_id: string; read_at: unknown }>('SELECT notice_id, read_at FROM notice_reads WHERE user_id = $1 ORDER BY read_at, notice_id', [
    userId,
  ])
  const published = await q.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM notices n WHERE n.author_id = $1 ORDER BY n.published_at, n.id`, [userId])
  const photos = await q.query<{ id: string; owner_id: string; content_type: string; bytes: number; width: number | null; height: number | null; created_at: unknown }>(
    'SELECT id, owner_id, content_type, bytes, width, height, created_at FROM photos WHERE owner_id = $1 ORDER BY created_at, id',
    [userId],
  )
  const sessions = await q.query<{ created_at: unknown; expires_at: unknown }>(
    'SELECT created_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at, expires_at',
    [userId],
  )
  const invites = await q.query<{ role: InvitedRole; community_id: string; used_at: unknown }>(
    'SELECT role, community_id, used_at FROM invites WHERE used_by_id = $1 ORDER BY used_at, id',
    [userId],
  )
  return {
    person: {
      id: p.id,
      name: p.name,
      phone: p.phone,
      roles: [...p.roles],
      communityId: p.community_id,
      ...(p.home_building_id ? { home: { buildingId: p.home_building_id, room: p.home_room ?? '' } } : {}),
      createdAt: iso(p.created_at),
      ...(p.wechat_openid ? { openid: p.wechat_openid } : {}),
      demo: p.demo,
    },
    claims: claims.map(toClaim),
    reports: reports.map(toReport),
    reportSteps: steps.map(toEvent),
    meToo: meToo.map((r) => ({ reportId: r.report_id, at: iso(r.created_at) })),
    messages: messages.map(toMessage),
    noticesRead: reads.map((r) => ({ noticeId: r.notice_id, at: iso(r.read_at) })),
    // `read` is the viewer's mark, not part of a stored notice.
    noticesPublished: published.map((r) => {
      const { read: _read, ...notice } = toNotice(r)
      return notice
    }),
    photos: photos.map((r) => ({ ...toPhoto(r), createdAt: iso(r.created_at) })),
    sessions: sessions.map((r) => ({ createdAt: iso(r.created_at), expiresAt: iso(r.expires_at) })),
    invitesUsed: invites.map((r) => ({ role: r.role, communityId: r.community_id, usedAt: iso(r.used_at) })),
    consultation: toConsultation(p),
    bookings: json<BookingRow[]>(p.b_bookings).map(toBooking),
  }
}

/** Rows of one table as a json array, in `order` ('[]' when none): the consultation's part in one statement. */
const rowsOf = (columns: string, from: string, where: string, order: string) =>
  `(SELECT coalesce(json_agg(x ORDER BY ${order}), '[]') FROM (SELECT ${columns} FROM ${from} WHERE ${where}) x)`

/** The consultation's part of the export and the bookings, as json arrays on the person's row (no statement of their own). */
const CONSULTATION = `
  ${rowsOf(PROPOSAL_COLUMNS, 'proposals p', 'p.author_id = $1', 'x.created_at, x.id')} AS c_proposals,
  ${rowsOf(CONTRIBUTION_COLUMNS, 'contributions', 'author_id = $1', 'x.created_at, x.id')} AS c_contributions,
  ${rowsOf(COSIGN_COLUMNS, 'proposal_cosigns', 'user_id = $1', 'x.at, x.proposal_id')} AS c_cosigns,
  ${rowsOf(ACKNOWLEDGEMENT_COLUMNS, 'convention_acknowledgements', 'user_id = $1', 'x.at, x.convention_id, x.version')} AS c_acknowledgements,
  ${rowsOf(RECEIPT_COLUMNS, 'vote_receipts', 'cast_by_id = $1', 'x.at, x.vote_id')} AS c_ballots,
  ${rowsOf(RATING_COLUMNS, 'proposal_ratings', 'user_id = $1', 'x.at, x.proposal_id')} AS c_ratings,
  ${rowsOf(BOOKING_COLUMNS, 'bookings', 'person_id = $1 OR booked_by_id = $1', 'x.created_at DESC, x.id DESC')} AS b_bookings`

type ConsultationColumns = Record<'c_proposals' | 'c_contributions' | 'c_cosigns' | 'c_acknowledgements' | 'c_ballots' | 'c_ratings' | 'b_bookings', unknown>

function toConsultation(row: ConsultationColumns): PersonalRecords['consultation'] {
  const list = <R, T>(value: unknown, to: (r: R) => T): T[] => json<R[]>(value).map(to)
  return {
    proposals: list(row.c_proposals, toProposal),
    contributions: list(row.c_contributions, toContribution),
    cosigns: list(row.c_cosigns, toCosign),
    acknowledgements: list(row.c_acknowledgements, toAcknowledgement),
    ballots: list(row.c_ballots, toReceipt),
    ratings: list(row.c_ratings, toRating),
  }
}

/**
 * Erase a person, in one statement (so one unit inside a transaction or out of one): their name
 * becomes `anonymousName` wherever it was written — reports they reported (with the household's
 * name they gave, and its masked phone dropped) or filed or were assigned (派单, on the report and
 * on its steps), timeline steps, messages, notices,
 * invites they made or used, claims they decided; their own claims, sessions, notice and thread
 * read marks and idempotency keys are deleted; the user row stays, anonymised and marked deleted
 * (no phone, no WeChat identity — signing in again makes a new user —, no roles, community, street,
 * home or scope). Reports, their voices (附议) and photos stay as governance records.
 *
 * The consultation's records stay too, with the name anonymised where the person is named by id:
 * proposals they raised or answered, contributions they wrote or hid, minutes and progress they
 * wrote, ballot receipts they cast or entered, acknowledgements and ratings they made, conventions,
 * votes and disclosures they created. Co-signs, acknowledgements, receipts and ratings are the
 * household's and stay. Their write keys and disclosure read marks are deleted.
 *
 * Bookings stay (a household's seats, no-shows and limits count them), anonymised: on bookings for
 * them the person's name and their answers go; on bookings they made (代约) the booker's name goes.
 * A cancellation, rejection or history event names its actor only by name: on those bookings the
 * person's names (their name now, and as the booking wrote it) become `anonymousName` there too.
 */
/** The names a booking `b` gives the person $1: their name now, and the booking's own spelling of it (NULLs never match). */
const BOOKING_NAMES = `ARRAY[(SELECT u.name FROM users u WHERE u.id = $1), CASE WHEN b.person_id = $1 THEN b.person_name END,
  CASE WHEN b.booked_by_id = $1 THEN b.booked_by_name END]`

export async function erasePerson(q: Queryable, userId: string, anonymousName: string, at: string): Promise<void> {
  await q.query(
    `WITH reports_named AS (
       UPDATE reports SET
         reporter_name = CASE WHEN reporter_id = $1 THEN $2 ELSE reporter_name END,
         beneficiary_name = CASE WHEN reporter_id = $1 AND beneficiary_name IS NOT NULL THEN $2 ELSE beneficiary_name END,
         beneficiary_phone_masked = CASE WHEN reporter_id = $1 THEN NULL ELSE beneficiary_phone_masked END,
         filed_by_name = CASE WHEN filed_by_id = $1 THEN $2 ELSE filed_by_name END,
         assignee = CASE WHEN assignee->>'kind' = 'user' AND assignee->>'id' = $1 THEN jsonb_set(assignee, '{name}', to_jsonb($2::text)) ELSE assignee END
       WHERE reporter_id = $1 OR filed_by_id = $1 OR (assignee->>'kind' = 'user' AND assignee->>'id' = $1)
     ), steps_named AS (
       UPDATE report_events SET
         actor_name = CASE WHEN actor_id = $1 THEN $2 ELSE actor_name END,
         assignee = CASE WHEN assignee->>'kind' = 'user' AND assignee->>'id' = $1 THEN jsonb_set(assignee, '{name}', to_jsonb($2::text)) ELSE assignee END
       WHERE actor_id = $1 OR (assignee->>'kind' = 'user' AND assignee->>'id' = $1)
     ), messages_named AS (
       UPDATE messages SET author_name = $2 WHERE author_id = $1
     ), notices_named AS (
       UPDATE notices SET author_name = $2 WHERE author_id = $1
     ), invites_named AS (
       UPDATE invites SET
         created_by_name = CASE WHEN created_by_id = $1 THEN $2 ELSE created_by_name END,
         used_by_name = CASE WHEN used_by_id = $1 THEN $2 ELSE used_by_name END
       WHERE created_by_id = $1 OR used_by_id = $1
     ), decisions_named AS (
       UPDATE household_claims SET decided_by_name = $2 WHERE decided_by_id = $1 AND user_id <> $1
     ), claims_gone AS (
       DELETE FROM household_claims WHERE user_id = $1
     ), sessions_gone AS (
       DELETE FROM sessions WHERE user_id = $1
     ), notice_reads_gone AS (
       DELETE FROM notice_reads WHERE user_id = $1
     ), thread_reads_gone AS (
       DELETE FROM thread_reads WHERE user_id = $1
     ), keys_gone AS (
       DELETE FROM idempotency_keys WHERE user_id = $1
     ), proposals_named AS (
       UPDATE proposals SET
         author_name = CASE WHEN author_id = $1 THEN $2 ELSE author_name END,
         answer_by_name = CASE WHEN answer_by_id = $1 THEN $2 ELSE answer_by_name END
       WHERE author_id = $1 OR answer_by_id = $1
     ), contributions_named AS (
       UPDATE contributions SET
         author_name = CASE WHEN author_id = $1 THEN $2 ELSE author_name END,
         hidden_by_name = CASE WHEN hidden_by_id = $1 THEN $2 ELSE hidden_by_name END
       WHERE author_id = $1 OR hidden_by_id = $1
     ), minutes_named AS (
       UPDATE proposal_minutes SET by_name = $2 WHERE by_id = $1
     ), progress_named AS (
       UPDATE proposal_progress SET by_name = $2 WHERE by_id = $1
     ), receipts_named AS (
       UPDATE vote_receipts SET
         cast_by_name = CASE WHEN cast_by_id = $1 THEN $2 ELSE cast_by_name END,
         entered_by_name = CASE WHEN entered_by_id = $1 THEN $2 ELSE entered_by_name END
       WHERE cast_by_id = $1 OR entered_by_id = $1
     ), acknowledgements_named AS (
       UPDATE convention_acknowledgements SET user_name = $2 WHERE user_id = $1
     ), ratings_named AS (
       UPDATE proposal_ratings SET user_name = $2 WHERE user_id = $1
     ), conventions_named AS (
       UPDATE conventions SET created_by_name = $2 WHERE created_by_id = $1
     ), votes_named AS (
       UPDATE votes SET created_by_name = $2 WHERE created_by_id = $1
     ), disclosures_named AS (
       UPDATE disclosures SET author_name = $2 WHERE author_id = $1
     ), write_keys_gone AS (
       DELETE FROM write_keys WHERE user_id = $1
     ), disclosure_reads_gone AS (
       DELETE FROM disclosure_reads WHERE user_id = $1
     ), bookings_named AS (
       UPDATE bookings b SET
         person_name = CASE WHEN b.person_id = $1 THEN $2 ELSE b.person_name END,
         answers = CASE WHEN b.person_id = $1 THEN '[]'::jsonb ELSE b.answers END,
         booked_by_name = CASE WHEN b.booked_by_id = $1 THEN $2 ELSE b.booked_by_name END,
         cancellation_name = CASE WHEN b.cancellation_name = ANY (${BOOKING_NAMES}) THEN $2 ELSE b.cancellation_name END,
         rejection_name = CASE WHEN b.rejection_name = ANY (${BOOKING_NAMES}) THEN $2 ELSE b.rejection_name END,
         history = (
           SELECT coalesce(jsonb_agg(CASE WHEN h.e->>'byName' = ANY (${BOOKING_NAMES}) THEN jsonb_set(h.e, '{byName}', to_jsonb($2::text)) ELSE h.e END ORDER BY h.i), '[]'::jsonb)
           FROM jsonb_array_elements(b.history) WITH ORDINALITY AS h (e, i)
         )
       WHERE b.person_id = $1 OR b.booked_by_id = $1
     )
     UPDATE users SET name = $2, phone = '', wechat_openid = NULL, roles = '{}', community_id = NULL, street_id = NULL,
       home_building_id = NULL, home_room = NULL, home_since = NULL, representative = false, grid_ids = '{}', leads_building_ids = '{}',
       description = '', demo = false, deleted_at = $3
     WHERE id = $1`,
    [userId, anonymousName, at],
  )
}

export function privacyRepository(q: Queryable): PrivacyRepository {
  return {
    collect: (userId) => collectPersonalRecords(q, userId),
    erase: (userId, anonymousName, at) => erasePerson(q, userId, anonymousName, at),
  }
}
