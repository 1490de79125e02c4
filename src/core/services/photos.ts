import type { Id, Photo } from '../../../types/domain'
import { silentLog, type Caller, type ContentVerdict, type ImageCheck, type ImageSubject, type Log, type Runtime } from '../context'
import type { CheckedPhoto, JobRecord, PhotoCheckState, Repositories, Store } from '../ports'
import { checkPhotoQuota } from '../quotas'

/** What an adapter learnt about an image it has just kept (the bytes stay with the adapter). */
export interface KeptPhoto {
  id: string
  contentType: string
  bytes: number
  width?: number
  height?: number
}

export interface PhotoOptions {
  /** The photo checker (issue 13); absent: every photo passes at once and no checker is asked. */
  imageCheck?: ImageCheck
  /** How long an upload waits for the checker's first answer before it is answered anyway (default 1000 ms). */
  checkWaitMs?: number
  /**
   * The absolute URL the checker fetches a photo from (the server's public URL, never a request's
   * Host header: a forged host would have WeChat check another picture); default `caller.photoUrl`.
   */
  checkUrl?: (id: Id) => string
  log?: Log
}

/** The durable job that asks the checker again about a photo it could not answer for. */
export const PHOTO_CHECK_JOB = 'photo.check'
/** When the first retry runs; the job runner's RETRY_MS and MAX_ATTEMPTS govern the later ones. */
export const PHOTO_CHECK_RETRY_MS = 300_000
const DEFAULT_WAIT_MS = 1000

/** Where a photo's check stands after a checker's answer. */
type Outcome = 'decided' | 'traced' | 'held'

/**
 * Photos: who uploaded what, and whether others may see it yet. The bytes are the adapter's
 * business (files or an object store on the server, the device's storage in the app); the core
 * records the photo so only its uploader can attach it to a report or a handling step.
 *
 * With a checker (issue 13), a photo is recorded `pending` and submitted at once: an offline
 * checker's verdict is recorded before the upload answers; WeChat answers a trace id and its
 * verdict comes later through its callback (`settle`). The upload waits for the checker at most
 * `checkWaitMs` (a slow WeChat never holds the request: its answer is recorded when it comes). A
 * checker that cannot answer (WeChat down, over quota) leaves the photo pending and a durable job
 * asks again later. Until a photo passes, only its owner and the community's staff and grid
 * workers see it (photo-sight.ts); a photo WeChat holds for review goes to the community's
 * moderation queue, where staff and admins pass or reject it (ModerationService).
 */
export class PhotoService {
  private inFlight = new Set<Promise<unknown>>()
  private readonly log: Log

  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly options: PhotoOptions = {},
  ) {
    this.log = options.log ?? silentLog
  }

  /** A fresh id for bytes about to be kept. */
  newId(): string {
    return this.rt.newId('p')
  }

  /**
   * Whether the caller may upload one more photo today (rate_limited with the limit otherwise):
   * asked before the bytes are read or kept, by every adapter.
   */
  async admit(caller: Caller): Promise<void> {
    await checkPhotoQuota(this.store, caller.actor, this.rt.now())
  }

  /** Record kept bytes as the caller's photo, and submit it to the checker when there is one. */
  async record(caller: Caller, kept: KeptPhoto): Promise<Photo> {
    const checker = this.options.imageCheck
    await this.store.photos.insert({ ...kept, ownerId: caller.actor.id, createdAt: this.rt.now().toISOString(), check: checker ? 'pending' : 'pass' })
    if (checker) {
      const url = this.options.checkUrl?.(kept.id) ?? caller.photoUrl(kept.id)
      await this.within(this.track(this.check(kept.id, caller.actor.id, url, true)), this.options.checkWaitMs ?? DEFAULT_WAIT_MS)
    }
    return {
      id: kept.id,
      url: caller.photoUrl(kept.id),
      bytes: kept.bytes,
      ...(kept.width && kept.height ? { width: kept.width, height: kept.height } : {}),
    }
  }

  /** What is known of a photo, or null. */
  async find(id: string): Promise<CheckedPhoto | null> {
    if (typeof id !== 'string') return null
    return (await this.store.photos.findMany([id])).get(id) ?? null
  }

  /**
   * A verdict of a check submitted earlier, by its trace id (WeChat's callback, already verified
   * by the adapter): `pass` and `reject` decide a photo still pending, `review` keeps it pending
   * and puts it in the moderation queue for staff. A verdict that comes again, or after staff decided, changes nothing. Null: no photo
   * has this trace id.
   */
  async settle(traceId: string, verdict: ContentVerdict): Promise<{ photoId: Id; check: PhotoCheckState; changed: boolean } | null> {
    if (typeof traceId !== 'string' || traceId === '') return null
    const photo = await this.store.photos.findByTrace(traceId)
    if (!photo) return null
    const state: PhotoCheckState = verdict.verdict === 'review' ? 'pending' : verdict.verdict
    const at = this.rt.now().toISOString()
    const changed = await this.store.photos.setCheck(photo.id, { state, ...reasonOf(verdict), at }, { ifPending: true })
    if (changed && verdict.verdict === 'review') await this.hold(photo.id, photo.ownerId, verdict.reason, at)
    return { photoId: photo.id, check: changed ? state : photo.check, changed }
  }

  /**
   * The retry job (PHOTO_CHECK_JOB): ask the checker again about a photo still pending; when it
   * still cannot answer, the job fails and the runner tries again later. `complete` ends the job.
   */
  async runCheckJob(job: JobRecord, complete: (tx: Repositories) => Promise<void>): Promise<void> {
    const { photoId, url } = job.payload as { photoId?: unknown; url?: unknown }
    const photo = typeof photoId === 'string' ? await this.find(photoId) : null
    if (photo && photo.check === 'pending' && typeof url === 'string' && this.options.imageCheck) {
      if ((await this.check(photo.id, photo.ownerId, url, false)) === 'held') throw new Error(`photo check: the checker could not answer for ${photo.id}; asked again later`)
    }
    await this.store.transaction(complete)
  }

  /**
   * A photo the checker holds for a person: into its community's moderation queue, once (a
   * verdict pushed twice holds it once). Staff and admins pass or reject it there (moderation.ts).
   */
  private async hold(photoId: Id, ownerId: Id, reason: string, at: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      if (await tx.moderation.findHeld('photo', photoId)) return
      const owner = await tx.users.find(ownerId)
      if (!owner?.communityId) return
      await tx.moderation.insert({ id: this.rt.newId('mq'), communityId: owner.communityId, kind: 'photo', subjectId: photoId, authorId: ownerId, text: '', checkerReason: reason, status: 'held', createdAt: at })
    })
  }

  /** The checks still running after their uploads answered (tests wait on it). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  /** Submit a photo and record the answer; a checker that could not answer schedules the retry job (`retry`). */
  private async check(photoId: Id, ownerId: Id, url: string, retry: boolean): Promise<Outcome> {
    const checker = this.options.imageCheck!
    let answer: ContentVerdict | { pending: string }
    try {
      answer = await checker.submit(await this.subjectOf(photoId, ownerId, url))
    } catch (error) {
      this.log.warn({ err: error, photoId }, 'photo check: the checker failed; the photo stays hidden from other residents')
      answer = { verdict: 'review', reason: 'check_failed' }
    }
    const at = this.rt.now().toISOString()
    if ('pending' in answer) {
      await this.store.photos.setCheck(photoId, { state: 'pending', traceId: answer.pending, at }, { ifPending: true })
      return 'traced'
    }
    if (answer.verdict !== 'review') {
      await this.store.photos.setCheck(photoId, { state: answer.verdict, ...reasonOf(answer), traceId: null, at }, { ifPending: true })
      return 'decided'
    }
    // Held for a person, or the checker could not answer: staff may decide in the queue meanwhile
    // (their decision stands; the retry job then completes without asking).
    if (await this.store.photos.setCheck(photoId, { state: 'pending', reason: answer.reason, traceId: null, at }, { ifPending: true })) {
      await this.hold(photoId, ownerId, answer.reason, at)
    }
    if (retry) {
      await this.store.jobs.schedule({
        id: this.rt.newId('j'),
        kind: PHOTO_CHECK_JOB,
        key: `${PHOTO_CHECK_JOB}:${photoId}`,
        runAt: new Date(Date.parse(at) + PHOTO_CHECK_RETRY_MS).toISOString(),
        payload: { photoId, url },
      })
    }
    return 'held'
  }

  /** The photo as the checker is told of it: its URL, its owner's community and WeChat openid ('' for no community yet). */
  private async subjectOf(photoId: Id, ownerId: Id, url: string): Promise<ImageSubject> {
    const [owner, [recipient]] = await Promise.all([this.store.users.find(ownerId), this.store.users.findRecipients({ userIds: [ownerId] })])
    return {
      photoId,
      url,
      communityId: owner?.communityId ?? '',
      author: { userId: ownerId, ...(recipient?.openid ? { openid: recipient.openid } : {}) },
    }
  }

  /** Keep a check running after the request, logged if it fails, until it ends. */
  private track(work: Promise<unknown>): Promise<unknown> {
    const run = work.catch((error: unknown) => this.log.warn({ err: error }, 'photo check: recording the answer failed; the photo stays hidden from other residents'))
    this.inFlight.add(run)
    void run.finally(() => this.inFlight.delete(run))
    return run
  }

  /** Wait for `work`, at most `ms`. */
  private async within(work: Promise<unknown>, ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
    clearTimeout(timer)
  }
}

function reasonOf(verdict: ContentVerdict): { reason?: string } {
  return verdict.verdict === 'pass' ? {} : { reason: verdict.reason }
}
