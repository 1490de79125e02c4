/**
 * wx storage holding the demo community plus thousands of reports and notices, as the weapp's
 * memory backend would have written it after years of use: made here, in Node, by the same memory
 * adapter the bundle carries (src/api/memory), then handed to launchWeapp({ storage }).
 */
import { MemoryBackend } from '../../../src/api/memory/backend'
import { memoryStorage } from '../../../src/platform/storage'
import { generalThreadId } from '../../../src/domain/messages'
import type { Notice, Report } from '../../../types/domain'

export interface LongStorage {
  storage: Record<string, string>
  /** The resident whose reports these are (王秀兰), in the community the staff member handles. */
  residentId: string
  /** 王秀兰's own thread with the community (问社区), holding the messages asked for. */
  threadId: string
}

const MINUTE = 60_000

/**
 * `reports` more reports by 王秀兰 (all open, so the inbox lists them too), `notices` more community
 * notices and `messages` messages in her thread with the community, her and 张敏 by turns.
 */
export async function longStorage({ reports, notices, messages = 0 }: { reports: number; notices: number; messages?: number }): Promise<LongStorage> {
  const storage = memoryStorage()
  const now = Date.now()
  const backend = new MemoryBackend({ storage })
  await backend.ready
  const residentId = 'u-wang'
  const staff = await backend.store.users.find('u-zhang')
  if (!staff) throw new Error('the demo seed has no u-zhang')
  const resident = await backend.store.users.find(residentId)
  if (!resident?.communityId) throw new Error('the demo seed has no u-wang in a community')
  const mine = await backend.store.reports.listMine({ userId: residentId, communityId: resident.communityId }, null, 1)
  if (mine.length === 0) throw new Error('the demo seed has no report by u-wang')
  const template = (await backend.store.reports.find(mine[0].id)) as Report
  const [firstEvent] = await backend.store.reports.listEvents(template.id)

  await backend.store.transaction(async (tx) => {
    for (let i = 0; i < reports; i++) {
      const at = new Date(now - (i + 1) * MINUTE).toISOString()
      const id = `r_long_${String(i).padStart(5, '0')}`
      const report: Report = {
        ...template,
        id,
        description: `第${i + 1}件：${template.description}`,
        status: 'submitted',
        assignee: undefined,
        rating: undefined,
        createdAt: at,
        updatedAt: at,
        acceptedAt: undefined,
        resolvedAt: undefined,
        deadlineAt: new Date(now + (i + 1) * MINUTE).toISOString(),
        reopenCount: 0,
        meTooCount: 0,
        version: 1,
      }
      await tx.reports.create(report, { ...firstEvent, id: `ev_long_${i}`, reportId: id, at })
    }
    for (let i = 0; i < notices; i++) {
      const at = new Date(now - (i + 1) * MINUTE).toISOString()
      const notice: Omit<Notice, 'read'> = {
        urgent: false,
        id: `n_long_${String(i).padStart(5, '0')}`,
        communityId: template.communityId,
        title: `第${i + 1}期 社区通知`,
        body: '本周六上午九点在社区广场开展义诊，请需要的居民带好医保卡。',
        authorId: staff.id,
        authorName: staff.name,
        pinned: false,
        publishedAt: at,
        scope: { kind: 'community' },
      }
      await tx.notices.insert(notice)
    }
    const threadId = generalThreadId(residentId)
    for (let i = 0; i < messages; i++) {
      const mine = i % 2 === 0
      await tx.messages.insert({
        id: `m_long_${String(i).padStart(5, '0')}`,
        threadId,
        communityId: template.communityId,
        ownerId: residentId,
        authorId: mine ? residentId : staff.id,
        authorName: mine ? resident.name : staff.name,
        authorRole: mine ? 'resident' : 'staff',
        body: `第${i + 1}条留言：${mine ? '楼下的路灯什么时候能修好？' : '已经安排维修师傅，明天上午到。'}`,
        at: new Date(now - (messages - i) * MINUTE).toISOString(),
      })
    }
  })
  const out: Record<string, string> = {}
  for (const key of storage.keys()) out[key] = storage.get(key) as string
  return { storage: out, residentId, threadId: generalThreadId(residentId) }
}
