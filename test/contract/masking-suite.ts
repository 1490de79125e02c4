/**
 * Masking (issue 13, point 3; ADR 25): every view a resident can receive that concerns another
 * person, walked as a second resident of the demo community (李明, 3号楼302) after his neighbours
 * (王秀兰 3号楼201, 赵小燕 8号楼101, 周桂芳 3号楼101 …) filed, discussed, proposed, co-signed, voted,
 * acknowledged, booked and wrote to staff. No full mainland mobile number, no room of another
 * household and no full name of another resident may appear anywhere in what he is answered —
 * checked the same way on every adapter (memory.test.ts, http-pglite.test.ts, http-postgres.test.ts).
 */
import type { ApiClient } from '../../src/api/client'
import type { DiscussionSubject } from '../../types/domain'
import type { ContractBackend } from './suite'

/** 11-digit mainland mobile numbers, wherever they sit in a string. */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/
/** The demo's other residents (the walker is 李明 of 3号楼302). */
const OTHER_RESIDENTS = ['王秀兰', '赵小燕', '陈建国', '周桂芳', '高志强', '林淑珍']
const MY_ROOM = '302'
const MY_PHONE = '13800000002'
/** Texts people wrote (a notice's body, minutes, a description): what their author chose to say, not a field about someone. */
const FREE_TEXT = new Set(['body', 'text', 'description', 'note', 'title', 'address', 'reason'])
/**
 * A building leader acting in that role signs what they publish (a notice to the building, a
 * building's convention version) with their name, as staff do (ADR 25).
 */
const SIGNED_IN_ROLE = new Set(['authorName', 'createdByName'])
const LEADER = '周桂芳'

interface Leak {
  call: string
  path: string
  value: string
  why: string
}

/** Every string of an answer with where it is (`items.0.reporterName`) and the key that holds it. */
function* strings(value: unknown, path = ''): Generator<{ path: string; key: string; value: string }> {
  if (typeof value === 'string') yield { path, key: path.split('.').pop() ?? '', value }
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}.${i}`)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k)
}

export function leaksIn(call: string, answer: unknown): Leak[] {
  const found: Leak[] = []
  for (const { path, key, value } of strings(answer)) {
    const phone = value.match(MOBILE)
    if (phone && phone[0] !== MY_PHONE) found.push({ call, path, value, why: 'a full phone number' })
    if (key === 'room' && value !== MY_ROOM) found.push({ call, path, value, why: 'another household’s room' })
    if (!FREE_TEXT.has(key) && /号楼\s*\d{3,4}(?!\d)/.test(value) && !value.includes(`号楼${MY_ROOM}`)) found.push({ call, path, value, why: 'another household’s room in a field' })
    const name = FREE_TEXT.has(key) ? undefined : OTHER_RESIDENTS.find((n) => value.includes(n))
    const signed = name === LEADER && SIGNED_IN_ROLE.has(key) && (call.startsWith('notices.') || key === 'createdByName')
    if (name && !signed) found.push({ call, path, value, why: `another resident’s full name (${name})` })
  }
  return found
}

export function defineMaskingSuite(name: string, setup: () => Promise<ContractBackend>): void {
  describe(`the masking contract: ${name}`, () => {
    let backend: ContractBackend
    const run = Math.random().toString(36).slice(2, 8)
    let seq = 0
    const key = () => ({ idempotencyKey: `masking-${run}-${++seq}` })

    beforeAll(async () => {
      backend = await setup()
    })
    afterAll(async () => {
      await backend?.teardown()
    })

    async function as(userId: string): Promise<ApiClient> {
      const api = backend.client('fresh')
      await api.session.signInDemo(userId)
      return api
    }

    it('a resident receives no other resident’s full phone number, room or full name, in any view', async () => {
      const wang = await as('u-wang')
      const zhou = await as('u-zhou')
      const zhang = await as('u-zhang')
      const report = (over = {}) => ({
        categoryId: 'cat-light',
        description: `屏蔽测试${run}-${++seq}：楼下路灯不亮，晚上很黑`,
        photoIds: [],
        location: { kind: 'text' as const, address: '映月社区3号楼北侧' },
        anonymous: false,
        ...over,
      })
      // Their neighbours' doings: a report, a report filed by the leader for 3号楼201, a me-too, messages.
      const filed = await wang.reports.submit(report(), key())
      await zhou.handling.submitOnBehalf(report({ onBehalfOf: { buildingId: 'b-3', room: '201' } }), key())
      await zhou.reports.meToo(filed.id)
      await wang.messages.send({ reportId: filed.id }, '师傅什么时候来？我家电话13800000001')
      await wang.messages.send('general', '请问物业电话多少？')
      await zhang.handling.accept(filed.id, { note: '已受理' })
      // Consultation: a proposal of 王秀兰's, co-signed and discussed; ballots and acknowledgements of the seed.
      const proposal = await wang.conventions.propose({ title: `屏蔽测试${run}：三号楼增设休息座椅`, body: '老人买菜回来想歇一歇都没地方，建议在楼下增设两张休息座椅。', photoIds: [] }, key())
      await zhou.conventions.cosign(proposal.id)
      await wang.conventions.contribute({ kind: 'proposal', id: proposal.id }, { body: '支持，老人确实需要歇脚的地方', stance: 'for' }, key())

      const li = await as('u-li')
      const answers: Array<[string, unknown]> = []
      const read = async (call: string, get: () => Promise<unknown>) => {
        try {
          answers.push([call, await get()])
        } catch (error) {
          // A refusal is fine (it carries no one's data); its body is checked too.
          answers.push([`${call} (refused)`, { error: String((error as Error).message) }])
        }
      }

      await read('directory.getCommunity', () => li.directory.getCommunity())
      await read('reports.listPublic', () => li.reports.listPublic({ limit: 50 }))
      await read('reports.listMine', () => li.reports.listMine({ limit: 50 }))
      await read('reports.get (another’s)', () => li.reports.get(filed.id))
      await read('reports.meToo', () => li.reports.meToo(filed.id))
      await read('messages.listThreads', () => li.messages.listThreads())
      await read('messages.listMessages (another’s report)', () => li.messages.listMessages(`report:${filed.id}`))
      await read('messages.listMessages (general)', () => li.messages.listMessages('general'))
      const notices = await li.notices.list({ limit: 50 })
      answers.push(['notices.list', notices])
      for (const n of notices.items.slice(0, 10)) {
        await read(`notices.get ${n.id}`, () => li.notices.get(n.id))
        await read(`notices.receipts ${n.id}`, () => li.notices.receipts(n.id))
      }
      await read('conventions.overview', () => li.conventions.overview())
      const conventions = await li.conventions.list()
      answers.push(['conventions.list', conventions])
      for (const c of conventions) {
        await read(`conventions.get ${c.id}`, () => li.conventions.get(c.id))
        await read(`conventions.acknowledgements ${c.id}`, () => li.conventions.acknowledgements(c.id))
      }
      const proposals = await li.conventions.listProposals({ limit: 50 })
      answers.push(['conventions.listProposals', proposals])
      const subjects: DiscussionSubject[] = []
      for (const p of proposals.items) {
        await read(`conventions.getProposal ${p.id}`, () => li.conventions.getProposal(p.id))
        subjects.push({ kind: 'proposal', id: p.id })
      }
      const votes = await li.conventions.listVotes({ limit: 50 })
      answers.push(['conventions.listVotes', votes])
      for (const v of votes.items) {
        await read(`conventions.getVote ${v.id}`, () => li.conventions.getVote(v.id))
        await read(`conventions.voteRoll ${v.id}`, () => li.conventions.voteRoll(v.id))
      }
      const disclosures = await li.conventions.listDisclosures({ limit: 50 })
      answers.push(['conventions.listDisclosures', disclosures])
      for (const d of disclosures.items) {
        await read(`conventions.getDisclosure ${d.id}`, () => li.conventions.getDisclosure(d.id))
        subjects.push({ kind: 'disclosure', id: d.id })
      }
      for (const s of subjects) await read(`conventions.listContributions ${JSON.stringify(s)}`, () => li.conventions.listContributions(s, { limit: 50 }))
      const services = await li.services.list()
      answers.push(['services.list', services])
      await read('services.mine', () => li.services.mine())
      await read('services.listPast', () => li.services.listPast({ limit: 50 }))
      await read('households.mine', () => li.households.mine())
      await read('households.listClaims', () => li.households.listClaims({ limit: 50 }))
      await read('people.list', () => li.people.list())
      await read('dashboard.get', () => li.dashboard.get({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString() }))
      await read('profile.get', () => li.profile.get())
      await read('audit.list', () => li.audit.list())
      await read('moderation.listHeld', () => li.moderation.listHeld())
      await read('handling.listInbox', () => li.handling.listInbox())

      // The walk reached the views that concern others (not only refusals).
      expect(answers.filter(([call]) => !call.endsWith('(refused)')).length).toBeGreaterThan(20)
      expect(JSON.stringify(answers)).toContain(proposal.id)
      expect(answers.flatMap(([call, answer]) => leaksIn(call, answer))).toEqual([])
    })
  })
}
