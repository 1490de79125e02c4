import type { Report } from '../../../../types/domain'
import type { PersonalRecords, PrivacyRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { answer, copy, forHousehold, instant, newestFirst, noticeRow, oldestFirst, reporterColumn, toMessage, type UserRow } from '../rows'
import { type Run, type Tables } from '../tables'
import { eraseBookingNames } from './booking-privacy'
import { claimRecord } from './claims'
import { acknowledgementOrder } from './conventions'

/**
 * The memory store's PrivacyRepository: everything stored about one person (PIPL art. 45), and
 * erasing it (art. 47; ADR 12) — their name replaced wherever it was written, their personal rows
 * gone, their reports kept as governance records with the user row (marked deleted) as reporter.
 *
 * What `collect` counts as theirs (as the SQL store does): reports they reported or filed (代报) and
 * those filed for the household they live in now (their verified home, in their community), newest
 * first; their claims newest first; everything else in the order it happened. Consultation: the
 * proposals and contributions they wrote (createdAt, id), the co-signs, acknowledgements and
 * ratings they made for their household and the receipts of the ballots they cast (castById: not
 * the paper ballots they entered for others), by instant, then what they are of. Bookings: those
 * for them and those they made for others (代约), newest first (createdAt, id).
 */

export function privacyRepository(t: Tables, run: Run): PrivacyRepository {
  const theirs = (r: Report, u: UserRow) =>
    reporterColumn(r) === u.id || r.filedBy?.id === u.id || (u.communityId !== null && r.communityId === u.communityId && forHousehold(r, u.home))
  return {
    collect: (userId) =>
      run((): PersonalRecords | null => {
        const u = t.users.get(userId)
        if (!u) return null
        return {
          person: {
            id: u.id,
            name: u.name,
            phone: u.phone,
            roles: [...u.roles],
            communityId: u.communityId ?? null,
            ...(u.home ? { home: { buildingId: u.home.buildingId, room: u.home.room } } : {}),
            createdAt: u.createdAt,
            ...(u.openid ? { openid: u.openid } : {}),
            demo: u.demo,
          },
          claims: t.claims
            .rows()
            .filter((c) => c.userId === userId)
            .sort(newestFirst)
            .map((c) => claimRecord(t, c)),
          reports: t.reports
            .rows()
            .filter((r) => theirs(r, u))
            .sort(newestFirst)
            .map(answer),
          // Insertion order breaks ties at one instant (the SQL's `seq`); sort is stable.
          reportSteps: t.events
            .rows()
            .filter((e) => e.actorId === userId)
            .slice()
            .sort((a, b) => compareText(a.at, b.at))
            .map(answer),
          meToo: t.meToo
            .rows()
            .filter((m) => m.userId === userId)
            .slice()
            .sort((a, b) => compareText(a.at, b.at) || compareText(a.reportId, b.reportId))
            .map((m) => ({ reportId: m.reportId, at: m.at })),
          messages: t.messages
            .rows()
            .filter((m) => m.authorId === userId)
            .slice()
            .sort((a, b) => a.seq - b.seq)
            .map(toMessage),
          noticesRead: t.noticeReads
            .rows()
            .filter((r) => r.userId === userId)
            .slice()
            .sort((a, b) => compareText(a.at, b.at) || compareText(a.noticeId, b.noticeId))
            .map((r) => ({ noticeId: r.noticeId, at: r.at })),
          noticesPublished: t.notices
            .rows()
            .filter((n) => n.authorId === userId)
            .slice()
            .sort((a, b) => compareText(a.publishedAt, b.publishedAt) || compareText(a.id, b.id))
            .map(noticeRow),
          photos: t.photos
            .rows()
            .filter((p) => p.ownerId === userId)
            .slice()
            .sort(oldestFirst)
            .map(answer),
          sessions: t.sessions
            .rows()
            .filter((s) => s.userId === userId)
            .slice()
            .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.expiresAt, b.expiresAt))
            .map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt })),
          invitesUsed: t.invites
            .rows()
            .filter((i) => i.usedById === userId)
            .slice()
            .sort((a, b) => compareText(a.usedAt ?? '', b.usedAt ?? '') || compareText(a.id, b.id))
            .map((i) => ({ role: i.role, communityId: i.communityId, usedAt: i.usedAt ?? '' })),
          consultation: {
            proposals: t.proposals
              .rows()
              .filter((p) => p.authorId === userId)
              .slice()
              .sort(oldestFirst)
              .map(copy),
            contributions: t.contributions
              .rows()
              .filter((c) => c.authorId === userId)
              .slice()
              .sort(oldestFirst)
              .map(copy),
            cosigns: t.cosigns
              .rows()
              .filter((c) => c.userId === userId)
              .slice()
              .sort((a, b) => compareText(a.at, b.at) || compareText(a.proposalId, b.proposalId))
              .map(copy),
            acknowledgements: t.acknowledgements
              .rows()
              .filter((a) => a.userId === userId)
              .slice()
              .sort(acknowledgementOrder)
              .map(copy),
            ballots: t.receipts
              .rows()
              .filter((r) => r.castById === userId)
              .slice()
              .sort((a, b) => compareText(a.at, b.at) || compareText(a.voteId, b.voteId))
              .map(copy),
            ratings: t.ratings
              .rows()
              .filter((r) => r.userId === userId)
              .slice()
              .sort((a, b) => compareText(a.at, b.at) || compareText(a.proposalId, b.proposalId))
              .map(copy),
          },
          bookings: t.bookings
            .rows()
            .filter((b) => b.personId === userId || b.bookedById === userId)
            .slice()
            .sort(newestFirst)
            .map(copy),
        }
      }),
    erase: (userId, anonymousName, at) =>
      run(() => {
        const u = t.users.get(userId)
        if (!u) return
        const name = anonymousName
        // Their name wherever it was written.
        for (const r of t.reports.rows().slice()) {
          const reported = reporterColumn(r) === userId
          const filed = r.filedBy?.id === userId
          const assigned = r.assignee?.kind === 'user' && r.assignee.id === userId
          if (!reported && !filed && !assigned) continue
          const next: Report = { ...r }
          if (assigned) next.assignee = { kind: 'user', id: userId, name }
          if (reported) {
            next.reporterName = name
            // The household's name they gave goes too, and its masked phone.
            if (r.beneficiary) {
              const { phoneMasked: _, ...beneficiary } = r.beneficiary
              next.beneficiary = { ...beneficiary, ...(r.beneficiary.name !== undefined ? { name } : {}) }
            }
          }
          if (filed) next.filedBy = { id: userId, name }
          t.reports.replace(next)
        }
        for (const e of t.events.rows().slice()) {
          const assigned = e.assignee?.kind === 'user' && e.assignee.id === userId
          if (e.actorId !== userId && !assigned) continue
          t.events.replace({ ...e, ...(e.actorId === userId ? { actorName: name } : {}), ...(assigned ? { assignee: { kind: 'user' as const, id: userId, name } } : {}) })
        }
        for (const m of t.messages.rows().slice()) if (m.authorId === userId) t.messages.replace({ ...m, authorName: name })
        for (const n of t.notices.rows().slice()) if (n.authorId === userId) t.notices.replace({ ...n, authorName: name })
        for (const i of t.invites.rows().slice()) {
          if (i.createdById === userId || i.usedById === userId) {
            t.invites.replace({ ...i, ...(i.createdById === userId ? { createdByName: name } : {}), ...(i.usedById === userId ? { usedByName: name } : {}) })
          }
        }
        for (const c of t.claims.rows().slice()) if (c.decidedById === userId) t.claims.replace({ ...c, decidedByName: name })
        eraseConsultationNames(t, userId, name)
        eraseBookingNames(t, u, name)
        // Their personal rows.
        t.claims.removeWhere((c) => c.userId === userId)
        t.sessions.removeWhere((s) => s.userId === userId)
        t.noticeReads.removeWhere((r) => r.userId === userId)
        t.threadReads.removeWhere((r) => r.userId === userId)
        t.idempotency.removeWhere((k) => k.userId === userId)
        t.writeKeys.removeWhere((k) => k.userId === userId)
        t.disclosureReads.removeWhere((r) => r.userId === userId)
        // The row stays, with nothing personal in it.
        const erased: UserRow = {
          id: u.id,
          communityId: null,
          name,
          phone: '',
          roles: [],
          representative: false,
          gridIds: [],
          leadsBuildingIds: [],
          description: '',
          demo: false,
          createdAt: u.createdAt,
          deletedAt: instant(at),
        }
        t.users.replace(erased)
      }),
  }
}

/**
 * Their name in what they wrote and did in consultation, by their id: proposals (and answers they
 * gave), contributions (and hidings), minutes, progress, acknowledgements, receipts (cast or
 * entered by them), ratings, conventions, votes, disclosures. A convention version keeps the name
 * it was written with (it stores no id to tell whose). The rows themselves stay.
 */
function eraseConsultationNames(t: Tables, userId: string, name: string): void {
  for (const p of t.proposals.rows().slice()) {
    const authored = p.authorId === userId
    const answered = p.answer?.byId === userId
    if (authored || answered) t.proposals.replace({ ...p, ...(authored ? { authorName: name } : {}), ...(answered ? { answer: { ...p.answer!, byName: name } } : {}) })
  }
  for (const c of t.contributions.rows().slice()) {
    const authored = c.authorId === userId
    const hid = c.hidden?.byId === userId
    if (authored || hid) t.contributions.replace({ ...c, ...(authored ? { authorName: name } : {}), ...(hid ? { hidden: { ...c.hidden!, byName: name } } : {}) })
  }
  for (const m of t.minutes.rows().slice()) if (m.byId === userId) t.minutes.replace({ ...m, byName: name })
  for (const m of t.progress.rows().slice()) if (m.byId === userId) t.progress.replace({ ...m, byName: name })
  for (const a of t.acknowledgements.rows().slice()) if (a.userId === userId) t.acknowledgements.replace({ ...a, userName: name })
  for (const r of t.ratings.rows().slice()) if (r.userId === userId) t.ratings.replace({ ...r, userName: name })
  for (const r of t.receipts.rows().slice()) {
    const cast = r.castById === userId
    const entered = r.enteredById === userId
    if (cast || entered) t.receipts.replace({ ...r, ...(cast ? { castByName: name } : {}), ...(entered ? { enteredByName: name } : {}) })
  }
  for (const c of t.conventions.rows().slice()) if (c.createdById === userId) t.conventions.replace({ ...c, createdByName: name })
  for (const v of t.votes.rows().slice()) if (v.createdById === userId) t.votes.replace({ ...v, createdByName: name })
  for (const d of t.disclosures.rows().slice()) if (d.authorId === userId) t.disclosures.replace({ ...d, authorName: name })
}
