import type { LocalPhoto } from '../../../types/api'
import { ApiError } from '../../../src/api/errors'
import { MAX_PHOTO_BYTES } from '../../../src/api/memory/backend'
import type { ReportDraft } from '../../../src/stores/draft-store'
import { readJson } from '../../../src/platform/storage'
import { allMine } from '../support/memory-world'
import { buildApp, disposeApps, signedInApp, when } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

const DRAFT_KEY = 'linli.draft.u-wang'
const POINT = { kind: 'point' as const, latitude: 31.5902, longitude: 120.3811, name: '映月社区3号楼', address: '3号楼东侧小路' }
const photos = (n: number, prefix = 'p'): LocalPhoto[] => Array.from({ length: n }, (_, i) => ({ path: `wxfile://tmp/${prefix}${i}.jpg` }))

function fillValid(root: Awaited<ReturnType<typeof signedInApp>>['root'], description = '3号楼东侧小路的路灯不亮了') {
  root.draft.chooseCategory('cat-light')
  root.draft.setDescription(description)
  root.draft.setPoint(POINT)
}

describe('DraftStore persistence', () => {
  it('writes every change to storage at once', async () => {
    const { root, storage } = await signedInApp('u-wang')
    const saved = () => readJson<ReportDraft>(storage, DRAFT_KEY)

    root.draft.chooseCategory('cat-road')
    expect(saved()?.categoryId).toBe('cat-road')
    root.draft.setDescription('1号楼门口路面塌陷')
    expect(saved()?.description).toBe('1号楼门口路面塌陷')
    root.draft.addPhotos(photos(2))
    expect(saved()?.photos).toHaveLength(2)
    root.draft.removePhoto(0)
    expect(saved()?.photos).toEqual([{ path: 'wxfile://tmp/p1.jpg' }])
    root.draft.setPoint(POINT)
    expect(saved()?.point).toEqual(POINT)
    root.draft.setAddress('1号楼南门口')
    expect(saved()).toMatchObject({ address: '1号楼南门口', locationMode: 'text' })
    root.draft.setAnonymous(true)
    expect(saved()?.anonymous).toBe(true)
    root.draft.useTypedAddress(false)
    expect(saved()?.locationMode).toBe('point')
  })

  it('restores the draft in a new app over the same storage (the app was killed)', async () => {
    const first = await signedInApp('u-wang')
    first.root.draft.chooseCategory('cat-road')
    first.root.draft.setDescription('1号楼门口路面塌陷了一个坑')
    first.root.draft.addPhotos(photos(3))
    first.root.draft.setAddress('1号楼南门口')
    first.root.draft.setAnonymous(true)
    const before = first.root.draft.draft
    // Killed: no dispose, no save-on-exit.

    const { root } = buildApp({ storage: first.storage })
    await root.start()
    expect(root.session.user?.id).toBe('u-wang')
    expect(root.draft.draft).toEqual(before)
    expect(root.draft.hasContent).toBe(true)
    expect(root.draft.location).toEqual({ kind: 'text', address: '1号楼南门口' })
  })

  it('discard starts a blank draft with a new key, also in storage', async () => {
    const { root, storage } = await signedInApp('u-wang')
    fillValid(root)
    const key = root.draft.draft.key
    root.draft.discard()
    expect(root.draft.hasContent).toBe(false)
    expect(root.draft.draft.key).not.toBe(key)
    expect(readJson<ReportDraft>(storage, DRAFT_KEY)?.description).toBe('')
  })
})

describe('DraftStore errors', () => {
  it('shows no errors before the user has touched a field or tried to submit', async () => {
    const { root } = await signedInApp('u-wang')
    expect(Object.keys(root.draft.errors).sort()).toEqual(['categoryId', 'description', 'location'])
    expect(root.draft.visibleErrors).toEqual({})
  })

  it('shows a field’s error once the field is touched', async () => {
    const { root } = await signedInApp('u-wang')
    root.draft.setDescription('灯坏了')
    expect(root.draft.visibleErrors).toEqual({})
    root.draft.touch('description')
    expect(root.draft.visibleErrors).toEqual({ description: '描述至少需要5个字，请说清楚在哪里、发生了什么' })
  })

  it('shows every error after a submit attempt, and sends nothing', async () => {
    const { root, ops } = await signedInApp('u-wang')
    const outcome = await root.draft.submit()
    expect(outcome.status).toBe('invalid')
    expect(Object.keys(root.draft.visibleErrors).sort()).toEqual(['categoryId', 'description', 'location'])
    expect(ops).not.toContain('reports.submit')
    expect(root.outbox.items).toEqual([])
  })

  it('needs a typed address of 4 characters when typing the address', async () => {
    const { root } = await signedInApp('u-wang')
    root.draft.useTypedAddress(true)
    expect(root.draft.location).toBeNull()
    root.draft.setAddress('3号')
    root.draft.touch('location')
    expect(root.draft.visibleErrors.location).toMatch(/请填写详细地址/)
  })
})

describe('DraftStore categories', () => {
  it('stops at an emergency category: sets emergency and does not choose it', async () => {
    const { root, storage } = await signedInApp('u-wang')
    root.draft.chooseCategory('cat-light')
    root.draft.chooseCategory('cat-gas')
    expect(root.draft.emergency?.id).toBe('cat-gas')
    expect(root.draft.emergency?.emergency?.phone).toBe('119')
    expect(root.draft.draft.categoryId).toBe('cat-light')
    expect(readJson<ReportDraft>(storage, DRAFT_KEY)?.categoryId).toBe('cat-light')
    root.draft.dismissEmergency()
    expect(root.draft.emergency).toBeNull()
  })

  it('never stores an emergency category even on a blank draft', async () => {
    const { root } = await signedInApp('u-wang')
    root.draft.chooseCategory('cat-safety')
    expect(root.draft.draft.categoryId).toBeUndefined()
    expect(root.draft.emergency?.emergency?.phone).toBe('110')
  })
})

describe('DraftStore photos', () => {
  it('caps photos at 9 and says how many did not fit', async () => {
    const { root } = await signedInApp('u-wang')
    expect(root.draft.addPhotos(photos(7, 'a'))).toBe(0)
    expect(root.draft.photosLeft).toBe(2)
    expect(root.draft.addPhotos(photos(4, 'b'))).toBe(2)
    expect(root.draft.draft.photos).toHaveLength(9)
    expect(root.draft.draft.photos.slice(7).map((p) => p.path)).toEqual(['wxfile://tmp/b0.jpg', 'wxfile://tmp/b1.jpg'])
    expect(root.draft.photosLeft).toBe(0)
    expect(root.draft.addPhotos(photos(1, 'c'))).toBe(1)
    expect(root.draft.draft.photos).toHaveLength(9)
    expect(root.draft.errors.photos).toBeUndefined()
  })
})

describe('DraftStore submit', () => {
  it('answers a double tap with the same promise and makes exactly one report', async () => {
    const { root, api, ops } = await signedInApp('u-wang')
    const before = (await allMine(api)).length
    fillValid(root)
    const first = root.draft.submit()
    const second = root.draft.submit()
    expect(second).toBe(first)
    expect(root.draft.submitting).toBe(true)
    const outcome = await first
    expect(outcome.status).toBe('sent')
    expect(root.draft.submitting).toBe(false)
    expect(ops.filter((op) => op === 'reports.submit')).toHaveLength(1)
    const mine = await allMine(api)
    expect(mine).toHaveLength(before + 1)
    expect(outcome.status === 'sent' && mine[0].id).toBe(outcome.status === 'sent' && outcome.reportId)
    // The form starts afresh, with a new key for the next report.
    expect(root.draft.hasContent).toBe(false)
    expect(root.outbox.items).toEqual([])
  })

  it('sends photos with the report', async () => {
    const { root, api } = await signedInApp('u-wang')
    fillValid(root)
    root.draft.addPhotos(photos(2))
    const outcome = await root.draft.submit()
    expect(outcome.status).toBe('sent')
    const detail = await api.reports.get(outcome.status === 'sent' ? outcome.reportId : '')
    expect(detail.report.photos.map((p) => p.url)).toEqual(['wxfile://tmp/p0.jpg', 'wxfile://tmp/p1.jpg'])
  })

  it('sends where the problem is, so the report goes to that building’s grid; none said: the home’s', async () => {
    const { root, api, storage } = await signedInApp('u-wang') // lives in 3号楼 (第二网格)
    fillValid(root)
    root.draft.setBuilding('b-2') // 2号楼, 第一网格
    expect(readJson<ReportDraft>(storage, DRAFT_KEY)?.buildingId).toBe('b-2')
    const outcome = await root.draft.submit()
    expect(outcome.status).toBe('sent')
    const sent = await api.reports.get(outcome.status === 'sent' ? outcome.reportId : '')
    expect(sent.report).toMatchObject({ buildingId: 'b-2', gridId: 'g-1' })
    // The next draft starts without a building: the home's again.
    expect(root.draft.draft.buildingId).toBeUndefined()
    fillValid(root, '3号楼东侧小路的路灯又不亮了')
    const again = await root.draft.submit()
    expect((await api.reports.get(again.status === 'sent' ? again.reportId : '')).report).toMatchObject({ buildingId: 'b-3', gridId: 'g-2' })
  })

  it('queues an offline report, clears the form, and sends it when the network returns', async () => {
    const { root, api, network, storage } = await signedInApp('u-wang')
    await root.myReports.load()
    const before = root.myReports.items.length
    network.set(false)
    fillValid(root, '离线时写的诉求：路灯不亮')

    const outcome = await root.draft.submit()
    expect(outcome).toEqual({ status: 'queued', message: '网络不可用，诉求已保存，联网后会自动提交' })
    expect(root.draft.notice).toBe('网络不可用，诉求已保存，联网后会自动提交')
    expect(root.draft.draft.description).toBe('')
    expect(readJson<ReportDraft>(storage, DRAFT_KEY)?.description).toBe('')
    expect(root.outbox.items).toHaveLength(1)
    expect(root.outbox.items[0]).toMatchObject({ state: 'waiting', payload: { description: '离线时写的诉求：路灯不亮' } })
    expect(root.outbox.waiting).toBe(1)
    expect(readJson<unknown[]>(storage, 'linli.outbox.u-wang')).toHaveLength(1)

    network.set(true)
    await when(() => root.outbox.items.length === 0 && !root.outbox.flushing, { timeout: 2000 })
    expect(root.myReports.items).toHaveLength(before + 1)
    expect(root.myReports.items[0]).toMatchObject({ description: '离线时写的诉求：路灯不亮', status: 'submitted' })
    const mine = await allMine(api)
    expect(mine.filter((r) => r.description === '离线时写的诉求：路灯不亮')).toHaveLength(1)
  })

  it('sends a report queued offline on the next start when the network is back', async () => {
    const first = await signedInApp('u-wang')
    first.network.set(false)
    fillValid(first.root, '上次离线保存的诉求内容')
    expect((await first.root.draft.submit()).status).toBe('queued')
    first.root.dispose()

    const { root, api } = buildApp({ storage: first.storage })
    await root.start()
    await when(() => root.outbox.items.length === 0 && !root.outbox.flushing, { timeout: 2000 })
    const mine = await allMine(api)
    expect(mine.filter((r) => r.description === '上次离线保存的诉求内容')).toHaveLength(1)
  })

  it('makes one report when the answer to the first attempt is lost', async () => {
    const { root, api, faults } = await signedInApp('u-wang')
    const before = (await allMine(api)).length
    let lost = false
    faults.after = (op) => {
      if (op === 'reports.submit' && !lost) {
        lost = true
        throw new ApiError('network')
      }
    }
    fillValid(root)
    expect((await root.draft.submit()).status).toBe('queued')
    await root.outbox.flush()
    expect(root.outbox.items).toEqual([])
    expect(await allMine(api)).toHaveLength(before + 1)
  })

  it('keeps the text and renews the key when the backend refuses the report', async () => {
    const { root, api, storage } = await signedInApp('u-wang')
    const before = (await allMine(api)).length
    fillValid(root, '路灯坏了，照片太大')
    root.draft.addPhotos([{ path: 'wxfile://tmp/huge.jpg', bytes: MAX_PHOTO_BYTES + 1 }])
    const key = root.draft.draft.key

    const outcome = await root.draft.submit()
    expect(outcome).toEqual({ status: 'failed', message: '照片不能超过10MB' })
    expect(root.draft.draft.description).toBe('路灯坏了，照片太大')
    expect(root.draft.draft.categoryId).toBe('cat-light')
    expect(root.draft.draft.key).not.toBe(key)
    expect(readJson<ReportDraft>(storage, DRAFT_KEY)?.key).toBe(root.draft.draft.key)
    expect(root.outbox.items).toEqual([])
    expect(await allMine(api)).toHaveLength(before)
    // The backend's message shows under the photos, where the user can fix it.
    expect(root.draft.visibleErrors.photos).toBe('照片不能超过10MB')
  })

  it('lets the corrected report go out once the refused photo is removed', async () => {
    const { root, api } = await signedInApp('u-wang')
    const before = (await allMine(api)).length
    fillValid(root, '路灯坏了，照片太大')
    root.draft.addPhotos([{ path: 'wxfile://tmp/huge.jpg', bytes: MAX_PHOTO_BYTES + 1 }])
    expect((await root.draft.submit()).status).toBe('failed')

    root.draft.removePhoto(0)
    expect(root.draft.visibleErrors).toEqual({})
    const outcome = await root.draft.submit()
    expect(outcome.status).toBe('sent')
    expect(await allMine(api)).toHaveLength(before + 1)
  })
})
