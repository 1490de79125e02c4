import type { ConsultationSettings, Id, Photo } from '../../../../types/domain'
import { DEFAULT_SETTINGS } from '../../../domain/consultation/proposals'
import { fingerprint, IDEMPOTENCY_MESSAGES, isValidIdempotencyKey } from '../../../domain/fingerprint'
import type { Refusal } from '../../../domain/membership'
import type { Caller, Runtime } from '../../context'
import { ApiError, malformed, thrown, validationError } from '../../errors'
import type { Repositories, Store } from '../../ports'
import type { PhotoSight } from '../photo-sight'
import type { Hold } from '../moderation'
import { BAD_KEY } from '../reports'

/** What the consultation services share: idempotent creation, photos, the community's settings. */



/** Throw a domain refusal (forbidden, or a field's validation error); nothing when there is none. */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw thrown(refusal)
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Create something once per (caller, kind, key): the same key with the same body answers what the
 * first call created; with another body, a field error. `prepare` validates (in the transaction,
 * before the key is claimed, so a refused body does not use the key up) and answers the writer;
 * `read` shapes the answer from the id. A refusal of `prepare` while another call with the same key
 * claimed it meanwhile answers that call's object instead (a retry sent before the first answered).
 *
 * `screen` (a text others will read, issue 13): the content check, run once the key is known to be
 * new and before the transaction (a checker may call WeChat); its hold reaches `prepare`. A retry
 * of a held creation answers the held object (its key was claimed with it); a refused one claimed
 * nothing and is checked again.
 *
 * The key is looked up before the transaction only when there is a `screen` (so a retry does not
 * call the checker again): otherwise a retry runs `prepare`, and either the claim finds the key
 * taken or `prepare`'s refusal (e.g. "already booked") is answered by the first call's object —
 * one statement less on every first call, the common case.
 */
export async function createOnce<T>(
  store: Store,
  rt: Runtime,
  caller: Caller,
  spec: { kind: string; key: unknown; input: unknown; idPrefix: string; screen?: () => Promise<Hold | null> },
  prepare: (tx: Repositories, id: Id, at: Date, hold: Hold | null) => Promise<(tx: Repositories) => Promise<void>>,
  read: (repos: Repositories, id: Id) => Promise<T>,
): Promise<T> {
  if (!isValidIdempotencyKey(spec.key)) throw malformed({ idempotencyKey: BAD_KEY })
  if (!isObject(spec.input)) throw malformed({ body: '请求内容无效' })
  const key = spec.key
  const print = fingerprint(spec.input)
  const userId = caller.actor.id
  const replay = async (repos: Repositories, earlier: { fingerprint: string; objectId: Id }) => {
    if (earlier.fingerprint !== print) throw validationError({ idempotencyKey: IDEMPOTENCY_MESSAGES.reused })
    return read(repos, earlier.objectId)
  }
  if (spec.screen) {
    const earlier = await store.writeKeys.find(userId, spec.kind, key)
    if (earlier) return replay(store, earlier)
  }
  const hold = spec.screen ? await spec.screen() : null
  const at = rt.now()
  let created: Id | null
  try {
    created = await store.transaction(async (tx) => {
      const id = rt.newId(spec.idPrefix)
      const write = await prepare(tx, id, at, hold)
      const claimed = await tx.writeKeys.claim({ userId, key, kind: spec.kind, fingerprint: print, objectId: id, at: at.toISOString() })
      if (!claimed) return null
      await write(tx)
      return id
    })
  } catch (error) {
    // A retry racing its first call: the refusal may come from what the first call just made
    // (e.g. "already booked"); when the key is now claimed, answer what the first call created.
    if (!(error instanceof ApiError)) throw error
    const first = await store.writeKeys.find(userId, spec.kind, key)
    if (!first) throw error
    return replay(store, first)
  }
  if (created) return read(store, created)
  const winner = await store.writeKeys.find(userId, spec.kind, key)
  if (!winner) throw new ApiError('conflict', '提交冲突，请重试')
  return replay(store, winner)
}

/** Photos the caller uploaded, checked by id (each theirs, at most `max`), as stored ids. */
export async function ownPhotoIds(repos: Repositories, ownerId: Id, ids: unknown, field: string, max: number): Promise<Id[]> {
  if (ids === undefined) return []
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw validationError({ [field]: '照片列表格式不正确' })
  if (ids.length > max) throw validationError({ [field]: `最多上传${max}张照片` })
  const known = await repos.photos.findMany(ids as string[])
  for (const id of ids as string[]) {
    const meta = known.get(id)
    if (!meta || meta.ownerId !== ownerId) throw validationError({ [field]: '照片已失效，请重新选择' })
  }
  return [...(ids as string[])]
}

/** The photos of `ids` that `sees` lets through (photo-sight.ts; default: all), with their URLs. */
export function photosOf(caller: Caller, ids: readonly Id[], sees: PhotoSight = () => true): Photo[] {
  return ids.filter((id) => sees(id)).map((id) => ({ id, url: caller.photoUrl(id) }))
}

export async function settingsOf(repos: Repositories, communityId: Id): Promise<ConsultationSettings> {
  const saved = await repos.settings.find(communityId)
  return { communityId, ...(saved ?? DEFAULT_SETTINGS) }
}

/** A string id from a request, or a not_found with `message` (anything else is no object of ours). */
export function idOf(value: unknown): Id | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null
}
