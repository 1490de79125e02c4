import type { Caller, ContentVerdict, ImageCheck, ImageSubject } from '../../src/core/context'
import { PHOTO_CHECK_JOB, PHOTO_CHECK_RETRY_MS } from '../../src/core/services/photos'
import { createWorld, DEMO, failure, validReport, type World } from './support/world'

/**
 * Photo checks (issue 13) at service level over the memory store: a photo is recorded pending and
 * submitted to the checker; until it passes, only its owner and the community's staff and grid
 * workers get its URL — in a report's detail and steps, the community's list, 附议, "my reports"
 * and a proposal; a rejected one only staff and grid workers. WeChat's verdicts come by trace id
 * (`settle`), once; a checker that cannot answer leaves the photo pending and a job asks again.
 */

type Answer = ContentVerdict | { pending: string } | 'throw'

/** A checker answering what the test scripts, in order (default: a fresh trace id), remembering what it was asked. */
function scriptedCheck() {
  const subjects: ImageSubject[] = []
  const script: Answer[] = []
  let traces = 0
  const check: ImageCheck & { subjects: ImageSubject[]; next(...answers: Answer[]): void } = {
    subjects,
    next: (...answers) => void script.push(...answers),
    async submit(subject) {
      subjects.push(subject)
      const answer = script.shift() ?? { pending: `trace-${++traces}` }
      if (answer === 'throw') throw new Error('checker down')
      return answer
    },
  }
  return check
}

let world: World
let checker: ReturnType<typeof scriptedCheck>
beforeAll(async () => {
  checker = scriptedCheck()
  world = await createWorld({ imageCheck: checker })
})

const photos = () => world.core.photos
let bytes = 0
async function upload(by: string): Promise<string> {
  const caller = await world.caller(by)
  const id = photos().newId()
  await photos().record(caller, { id, contentType: 'image/png', bytes: 1000 + ++bytes, width: 4, height: 3 })
  return id
}
const state = async (id: string) => (await photos().find(id))!.check

/** Upload as `by` a photo the checker answers with a trace id of our own; the photo's id and trace id. */
async function uploadPending(by: string): Promise<{ id: string; trace: string }> {
  const trace = `t-${bytes + 1}-${by}`
  checker.next({ pending: trace })
  return { id: await upload(by), trace }
}

const detailPhotos = async (as: string, reportId: string) => (await world.core.reports.get(await world.caller(as), reportId)).report.photos.map((p) => p.id)
/** The queue item of a photo held for staff (it must be there). */
async function holdInQueue(photoId: string): Promise<string> {
  const item = (await world.core.moderation.list(await world.caller(DEMO.zhang), { limit: 50 })).items.find((i) => i.kind === 'photo' && i.subject.id === photoId)
  if (!item) throw new Error(`photo ${photoId} is not in the queue`)
  return item.id
}

const publicRow = async (as: string, reportId: string) => {
  const page = await world.core.reports.listPublic(await world.caller(as), { limit: 50 })
  return page.items.find((r) => r.id === reportId)!
}

describe('a report’s photos while they are checked', () => {
  it('shows a pending photo to its owner, the grid worker and staff, not to a neighbour; after pass to everyone', async () => {
    const { id, trace } = await uploadPending(DEMO.wang)
    expect(await state(id)).toBe('pending')
    const report = await world.file(DEMO.wang, { photoIds: [id] })

    expect(await detailPhotos(DEMO.wang, report.id)).toEqual([id])
    expect(await detailPhotos(DEMO.sun, report.id)).toEqual([id])
    expect(await detailPhotos(DEMO.zhang, report.id)).toEqual([id])
    const inbox = await world.core.handling.inbox(await world.caller(DEMO.sun), { limit: 50 })
    expect(inbox.items.find((r) => r.id === report.id)).toMatchObject({ photoCount: 1, thumbnailUrl: `mem://${id}` })

    // 李明 of the same building reads the community's list: the report, without the photo.
    const row = await publicRow(DEMO.li, report.id)
    expect(row.photoCount).toBe(0)
    expect(row.thumbnailUrl).toBeUndefined()
    const voiced = await world.core.reports.meToo(await world.caller(DEMO.li), report.id)
    expect(voiced).toMatchObject({ photoCount: 0 })
    expect(voiced.thumbnailUrl).toBeUndefined()

    expect(await photos().settle(trace, { verdict: 'pass' })).toEqual({ photoId: id, check: 'pass', changed: true })
    expect(await state(id)).toBe('pass')
    expect(await publicRow(DEMO.li, report.id)).toMatchObject({ photoCount: 1, thumbnailUrl: `mem://${id}` })
  })

  it('keeps a rejected photo from its owner and the neighbours, and shows it to staff and the grid worker', async () => {
    const kept = await uploadPending(DEMO.wang)
    const { id, trace } = await uploadPending(DEMO.wang)
    const report = await world.file(DEMO.wang, { photoIds: [kept.id, id] })
    await photos().settle(kept.trace, { verdict: 'pass' })
    expect(await photos().settle(trace, { verdict: 'reject', reason: '20002' })).toEqual({ photoId: id, check: 'reject', changed: true })

    expect(await detailPhotos(DEMO.wang, report.id)).toEqual([kept.id])
    expect(await detailPhotos(DEMO.zhang, report.id)).toEqual([kept.id, id])
    expect(await detailPhotos(DEMO.sun, report.id)).toEqual([kept.id, id])
    expect(await publicRow(DEMO.li, report.id)).toMatchObject({ photoCount: 1, thumbnailUrl: `mem://${kept.id}` })
    const mine = await world.core.reports.listMine(await world.caller(DEMO.wang), { limit: 50 })
    expect(mine.items.find((r) => r.id === report.id)!.thumbnailUrl).toBe(`mem://${kept.id}`)
  })

  it('takes a verdict once: a replay, or a pass after a reject, changes nothing; an unknown trace id is nobody’s', async () => {
    const { id, trace } = await uploadPending(DEMO.wang)
    await photos().settle(trace, { verdict: 'reject', reason: '20001' })
    expect(await photos().settle(trace, { verdict: 'reject', reason: '20001' })).toEqual({ photoId: id, check: 'reject', changed: false })
    expect(await photos().settle(trace, { verdict: 'pass' })).toEqual({ photoId: id, check: 'reject', changed: false })
    expect(await state(id)).toBe('reject')
    expect(await photos().settle('t-never-issued', { verdict: 'pass' })).toBeNull()
    expect(await photos().settle('', { verdict: 'pass' })).toBeNull()
  })

  it('puts a photo WeChat holds for review in the moderation queue, once; staff pass it there, and it is logged', async () => {
    const { id, trace } = await uploadPending(DEMO.wang)
    const report = await world.file(DEMO.wang, { photoIds: [id] })
    expect(await photos().settle(trace, { verdict: 'review', reason: '20006' })).toEqual({ photoId: id, check: 'pending', changed: true })
    // WeChat pushes again: still one item.
    await photos().settle(trace, { verdict: 'review', reason: '20006' })
    expect((await publicRow(DEMO.li, report.id)).photoCount).toBe(0)

    const staff = await world.caller(DEMO.zhang)
    const held = (await world.core.moderation.list(staff)).items.filter((i) => i.kind === 'photo' && i.subject.id === id)
    expect(held).toHaveLength(1)
    expect(held[0]).toMatchObject({ authorId: DEMO.wang, text: '', photo: { id, url: `mem://${id}` }, status: 'held' })
    // Not a grid worker's to decide, and not another community's staff's to see.
    expect((await failure(world.core.moderation.approve(await world.caller(DEMO.sun), held[0].id))).kind).toBe('forbidden')
    expect((await failure(world.core.moderation.approve(await world.caller('u-x-staff'), held[0].id))).kind).toBe('not_found')
    expect(await state(id)).toBe('pending')

    expect(await world.core.moderation.approve(staff, held[0].id)).toMatchObject({ status: 'approved', photo: { id } })
    expect(await state(id)).toBe('pass')
    expect((await publicRow(DEMO.li, report.id)).photoCount).toBe(1)
    const logged = (await world.core.audit.list(staff, { subjectKind: 'photo', subjectId: id })).items
    expect(logged).toMatchObject([{ action: 'moderation.approve', subject: { kind: 'photo', id }, concerns: { id: DEMO.wang } }])
    // A late verdict does not undo the person's decision.
    expect(await photos().settle(trace, { verdict: 'reject', reason: '20006' })).toMatchObject({ changed: false, check: 'pass' })
  })

  it('a photo rejected in the queue is seen by staff and grid workers only, its owner told', async () => {
    const { id, trace } = await uploadPending(DEMO.wang)
    const report = await world.file(DEMO.wang, { photoIds: [id] })
    await photos().settle(trace, { verdict: 'review', reason: '20006' })
    const staff = await world.caller(DEMO.zhang)
    const item = (await world.core.moderation.list(staff)).items.find((i) => i.kind === 'photo' && i.subject.id === id)!
    expect((await failure(world.core.moderation.reject(staff, item.id, ''))).kind).toBe('validation')
    expect(await world.core.moderation.reject(staff, item.id, '照片含有他人面部和门牌')).toMatchObject({ status: 'rejected', reason: '照片含有他人面部和门牌' })
    expect(await state(id)).toBe('reject')
    expect((await publicRow(DEMO.li, report.id)).photoCount).toBe(0)
    expect((await world.core.audit.list(staff, { subjectKind: 'photo', subjectId: id })).items).toMatchObject([{ action: 'moderation.reject', note: '照片含有他人面部和门牌' }])
  })

  it('records an offline checker’s verdict before the upload answers', async () => {
    checker.next({ verdict: 'reject', reason: '广告' })
    const rejected = await upload(DEMO.wang)
    checker.next({ verdict: 'pass' })
    const passed = await upload(DEMO.wang)
    expect(await state(rejected)).toBe('reject')
    expect(await state(passed)).toBe('pass')
    expect(checker.subjects.find((s) => s.photoId === passed)).toEqual({ photoId: passed, url: `mem://${passed}`, communityId: DEMO.community, author: { userId: DEMO.wang } })
  })

  it('hides a handler’s step photo from the reporter until it passes, and a 代报 filer’s thumbnail from the household', async () => {
    const report = await world.file(DEMO.wang)
    await world.bring(report.id, 'accepted')
    const step = await uploadPending(DEMO.zhang)
    await world.core.handling.move(await world.caller(DEMO.zhang), report.id, 'progress', { note: '已上门查看', photoIds: [step.id] })
    const stepPhotos = async (as: string) => (await world.core.reports.get(await world.caller(as), report.id)).timeline.flatMap((e) => e.photos.map((p) => p.id))
    expect(await stepPhotos(DEMO.zhang)).toEqual([step.id])
    expect(await stepPhotos(DEMO.wang)).toEqual([])
    await photos().settle(step.trace, { verdict: 'pass' })
    expect(await stepPhotos(DEMO.wang)).toEqual([step.id])

    const filed = await uploadPending(DEMO.zhang)
    const onBehalf = await world.core.reports.submitOnBehalf(
      await world.caller(DEMO.zhang),
      validReport('cat-road', { photoIds: [filed.id], onBehalfOf: { buildingId: 'b-3', room: '302' } }),
      world.key(),
    )
    const thumbnail = async () => (await world.core.reports.listMine(await world.caller(DEMO.li), { limit: 50 })).items.find((r) => r.id === onBehalf.report.id)!.thumbnailUrl
    expect(await thumbnail()).toBeUndefined()
    await photos().settle(filed.trace, { verdict: 'pass' })
    expect(await thumbnail()).toBe(`mem://${filed.id}`)
  })
})

describe('a proposal’s photos while they are checked', () => {
  it('shows them to the proposer and staff, not to other residents, until they pass', async () => {
    const { id, trace } = await uploadPending(DEMO.wang)
    const proposal = await world.core.consultation.propose(
      await world.caller(DEMO.wang),
      { title: '小区东门加装雨棚', body: '东门进出的老人雨天没有地方避雨，建议加装一个雨棚，方便大家。', photoIds: [id] },
      { idempotencyKey: world.key() },
    )
    const seen = async (as: string) => (await world.core.consultation.getProposal(await world.caller(as), proposal.id)).photos.map((p) => p.id)
    expect(proposal.photos.map((p) => p.id)).toEqual([id])
    expect(await seen(DEMO.zhang)).toEqual([id])
    expect(await seen(DEMO.li)).toEqual([])
    expect(await seen(DEMO.chen)).toEqual([])
    await photos().settle(trace, { verdict: 'pass' })
    expect(await seen(DEMO.li)).toEqual([id])
  })
})

describe('a checker that cannot answer', () => {
  const job = (id: string) => world.store.jobs.pending(`${PHOTO_CHECK_JOB}:${id}`)
  const asked = (id: string) => checker.subjects.filter((s) => s.photoId === id).length
  const later = () => world.clock.set(world.clock.peek().getTime() + PHOTO_CHECK_RETRY_MS + 1000)
  // The booking's jobs of the demo community share the runner: what is due besides ours runs too.
  const runJobs = () => world.core.bookings.jobs.runDue('w-test', 100)

  it('leaves the photo pending and asks again in a durable job, until it answers', async () => {
    checker.next({ verdict: 'review', reason: 'wechat_unavailable' })
    const id = await upload(DEMO.wang)
    expect(await state(id)).toBe('pending')
    expect(await job(id)).toEqual([{ key: `${PHOTO_CHECK_JOB}:${id}`, runAt: expect.any(String), attempts: 0 }])

    // Not due yet: the checker is not asked.
    await runJobs()
    expect(asked(id)).toBe(1)
    // Due, and the checker still down: the job fails and is kept for later.
    later()
    checker.next('throw')
    await runJobs()
    expect(asked(id)).toBe(2)
    expect(await state(id)).toBe('pending')
    expect(await job(id)).toEqual([expect.objectContaining({ attempts: 1 })])
    expect(world.log.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining(['photo check: the checker failed; the photo stays hidden from other residents', 'jobs: a job failed; it will be tried again']),
    )

    later()
    checker.next({ pending: `t-retry-${id}` })
    await runJobs()
    expect(asked(id)).toBe(3)
    expect(await job(id)).toEqual([])
    await photos().settle(`t-retry-${id}`, { verdict: 'pass' })
    expect(await state(id)).toBe('pass')
  })

  it('completes the job without asking when staff decided meanwhile', async () => {
    checker.next({ verdict: 'review', reason: 'wechat_unavailable' })
    const id = await upload(DEMO.wang)
    // Staff decide meanwhile (the queue's decision on the photo's check).
    await world.core.moderation.approve(await world.caller(DEMO.zhang), await holdInQueue(id))
    later()
    await runJobs()
    expect(await job(id)).toEqual([])
    expect(asked(id)).toBe(1)
    expect(await state(id)).toBe('pass')
  })

  it('answers the upload after the wait when the checker is slow, and records its answer when it comes', async () => {
    let release: (answer: { pending: string }) => void = () => undefined
    const slow: ImageCheck = { submit: () => new Promise((resolve) => (release = resolve)) }
    const slowWorld = await createWorld({ imageCheck: slow, imageCheckWaitMs: 20 })
    const caller: Caller = await slowWorld.caller(DEMO.wang)
    const id = slowWorld.core.photos.newId()
    const started = Date.now()
    const photo = await slowWorld.core.photos.record(caller, { id, contentType: 'image/jpeg', bytes: 10 })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(photo).toEqual({ id, url: `mem://${id}`, bytes: 10 })
    expect((await slowWorld.core.photos.find(id))!.check).toBe('pending')
    release({ pending: 't-slow' })
    await slowWorld.core.photos.settled()
    expect(await slowWorld.store.photos.findByTrace('t-slow')).toMatchObject({ id, check: 'pending' })
  })
})

describe('without a checker', () => {
  it('passes every photo at once', async () => {
    const plain = await createWorld()
    const id = plain.core.photos.newId()
    await plain.core.photos.record(await plain.caller(DEMO.wang), { id, contentType: 'image/png', bytes: 5 })
    expect((await plain.core.photos.find(id))!.check).toBe('pass')
    expect(await plain.store.jobs.pending(PHOTO_CHECK_JOB)).toEqual([])
  })
})
