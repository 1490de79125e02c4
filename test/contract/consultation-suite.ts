/**
 * The ConventionsApi contract (issue 11): conventions, 民事民提·议·决, 村务公开, checked the same way
 * against every adapter (memory.test.ts, http-pglite.test.ts, http-postgres.test.ts) — with the exact answers and the exact
 * Chinese messages, so that the adapters cannot disagree on a word.
 *
 * Each adapter gets a backend of its own for this suite (the demo communities as seeded, with their
 * consultation stories), so the counts below are the demo's households (src/domain/demo-community.ts,
 * one verified member each): 3号楼 (周桂芳 101, the leader of 3号楼 and 5号楼, 王秀兰 201, 李明 302 and
 * the newer ones), 1号楼102 陈建国, 8号楼101 赵小燕. The stories build on each other in the order
 * written (jest runs them in order).
 *
 * A vote's window is at least an hour, so a vote closing cannot be waited for here: publishing after
 * the close (and the result then shown) is tested on the server with a moved clock
 * (server/test/consultation.test.ts).
 */
import type { ApiClient } from '../../src/api/client'
import type { ConventionInput, DisclosureInput, ProposalInput, VoteInput } from '../../types/api'
import type { Convention, Proposal, Vote } from '../../types/domain'
import { DEMO_USERS } from '../../src/domain/demo-community'
import type { ContractBackend } from './suite'
import { rejection } from './suite'

/** `12月1日 20:15`: China time as the core writes it in messages. */
function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

/** 映月社区's verified households as the demo seeds them (one member each), by building and room. */
const HOUSEHOLDS = [...new Set(DEMO_USERS.filter((u) => u.home && !u.outside).map((u) => `${u.home!.buildingId} ${u.home!.room}`))].sort()
/** 3号楼's households, in the roll's order (room, code-point order). */
const BUILDING_3 = HOUSEHOLDS.filter((h) => h.startsWith('b-3 ')).map((h) => h.slice(4))

export function defineConsultationSuite(name: string, setup: () => Promise<ContractBackend>): void {
  describe(`the ConventionsApi contract: ${name}`, () => {
    let backend: ContractBackend
    const run = Math.random().toString(36).slice(2, 8)
    let seq = 0
    const key = () => ({ idempotencyKey: `consult-${run}-${++seq}-${Math.random().toString(36).slice(2, 10)}` })
    const clients = new Map<string, Promise<ApiClient>>()

    beforeAll(async () => {
      backend = await setup()
    })
    afterAll(async () => {
      await backend?.teardown()
    })

    /** A client signed in as a demo account (one per account for the whole suite). */
    function as(userId: string): Promise<ApiClient> {
      let client = clients.get(userId)
      if (!client) {
        const api = backend.client('fresh')
        client = api.session.signInDemo(userId).then(() => api)
        clients.set(userId, client)
      }
      return client
    }

    // What the stories share, in the order they make it.
    let convention: Convention
    let proposal: Proposal
    let vote: Vote
    let disclosureId: string

    const conventionInput = (): ConventionInput => ({
      kind: 'community',
      title: `文明养宠公约${run}`,
      buildingIds: [],
      articles: [
        { title: '牵绳', text: '遛狗请牵绳' },
        { title: '清理', text: '及时清理宠物粪便' },
      ],
      changeNote: '经12月居民会议通过',
      publish: true,
    })

    describe('conventions', () => {
      it('staff publish a convention; a resident reads it and acknowledges once for the household', async () => {
        const [zhang, wang] = await Promise.all([as('u-zhang'), as('u-wang')])
        const input = conventionInput()
        const k = key()
        convention = await zhang.conventions.create(input, k)
        expect(convention).toMatchObject({
          communityId: 'c-yingyue',
          kind: 'community',
          title: input.title,
          buildingIds: [],
          buildingNames: [],
          bindsMe: false,
          households: HOUSEHOLDS.length,
          acknowledgedHouseholds: 0,
          inForce: {
            version: 1,
            status: 'published',
            changeNote: '经12月居民会议通过',
            createdByName: '张敏',
            articles: [
              { id: expect.any(String), number: 1, title: '牵绳', text: '遛狗请牵绳' },
              { id: expect.any(String), number: 2, title: '清理', text: '及时清理宠物粪便' },
            ],
          },
        })
        expect(convention.versions).toEqual([
          { version: 1, status: 'published', changeNote: '经12月居民会议通过', effectiveFrom: convention.inForce!.effectiveFrom, createdAt: convention.createdAt, createdByName: '张敏' },
        ])
        // The same key and body: the same convention, not a second one.
        expect((await zhang.conventions.create(input, k)).id).toBe(convention.id)

        const read = await wang.conventions.get(convention.id)
        expect(read).toMatchObject({ id: convention.id, bindsMe: true, households: HOUSEHOLDS.length, acknowledgedHouseholds: 0 })
        expect(read.myAcknowledgement).toBeUndefined()
        expect((await wang.conventions.list()).filter((c) => c.title === input.title).map((c) => c.id)).toEqual([convention.id])

        const acknowledged = await wang.conventions.acknowledge(convention.id)
        expect(acknowledged.myAcknowledgement).toEqual({ byName: '王秀兰', at: expect.any(String) })
        expect(acknowledged.acknowledgedHouseholds).toBe(1)
        // Again: the first acknowledgement stands, nothing changes.
        expect(await wang.conventions.acknowledge(convention.id)).toEqual(acknowledged)
        expect((await wang.conventions.overview()).conventionsToAcknowledge.map((c) => c.id)).not.toContain(convention.id)
        expect((await (await as('u-li')).conventions.overview()).conventionsToAcknowledge.map((c) => c.id)).toContain(convention.id)
      })

      it('lists acknowledgements by household: the community for staff, their buildings for a leader, refused to a resident', async () => {
        const [zhang, zhou, li] = await Promise.all([as('u-zhang'), as('u-zhou'), as('u-li')])
        const sheet = await zhang.conventions.acknowledgements(convention.id)
        expect(sheet).toMatchObject({ conventionId: convention.id, version: 1, households: HOUSEHOLDS.length, acknowledged: 1 })
        expect(sheet.rows.map((r) => `${r.buildingId} ${r.room} ${r.acknowledged ? r.byName : '-'}`).sort()).toEqual(
          HOUSEHOLDS.map((h) => `${h} ${h === 'b-3 201' ? '王秀兰' : '-'}`),
        )
        const mine = await zhou.conventions.acknowledgements(convention.id)
        expect(mine).toMatchObject({ households: BUILDING_3.length, acknowledged: 1 })
        expect(mine.rows.map((r) => [r.buildingName, r.room, r.acknowledged])).toEqual(BUILDING_3.map((room) => ['3号楼', room, room === '201']))
        // A leader sees the rooms of the buildings they lead, the names masked (ADR 25).
        expect(mine.rows.find((r) => r.room === '201')).toEqual({ buildingId: 'b-3', buildingName: '3号楼', room: '201', acknowledged: true, byName: '王**', at: expect.any(String) })

        const refused = await rejection(li.conventions.acknowledgements(convention.id))
        expect([refused.kind, refused.message]).toEqual(['forbidden', '只有社区工作者和楼栋长可以查看各户的承诺情况'])
      })

      it('a draft of version 2 is seen by staff only until published; the diff goes article by article', async () => {
        const [zhang, wang] = await Promise.all([as('u-zhang'), as('u-wang')])
        const [leash, clean] = convention.inForce!.articles
        const drafted = await zhang.conventions.saveDraft(convention.id, {
          articles: [
            { id: leash.id, title: '牵绳', text: '遛狗请牵绳，大型犬请戴嘴套' },
            { id: clean.id, title: clean.title, text: clean.text },
            { title: '电梯', text: '带宠物乘梯请抱起或牵紧' },
          ],
          changeNote: '增加电梯一条',
        })
        expect(drafted.versions.map((v) => [v.version, v.status])).toEqual([
          [1, 'published'],
          [2, 'draft'],
        ])
        expect(drafted.inForce?.version).toBe(1)
        expect((await wang.conventions.get(convention.id)).versions.map((v) => v.version)).toEqual([1])
        const hidden = await rejection(wang.conventions.getVersion(convention.id, 2))
        expect([hidden.kind, hidden.message]).toEqual(['not_found', '该版本不存在'])
        expect((await zhang.conventions.getVersion(convention.id, 2)).status).toBe('draft')

        const published = await zhang.conventions.publishDraft(convention.id, {})
        expect(published.inForce).toMatchObject({ version: 2, status: 'published', changeNote: '增加电梯一条' })
        const again = await rejection(zhang.conventions.publishDraft(convention.id, {}))
        expect([again.kind, again.message]).toEqual(['forbidden', '没有待发布的草案'])

        const v2 = await wang.conventions.getVersion(convention.id, 2)
        const lift = v2.articles[2]
        expect(await wang.conventions.diff(convention.id, 1, 2)).toEqual([
          { articleId: leash.id, change: 'changed', before: { number: 1, title: '牵绳', text: '遛狗请牵绳' }, after: { number: 1, title: '牵绳', text: '遛狗请牵绳，大型犬请戴嘴套' } },
          { articleId: clean.id, change: 'unchanged', before: { number: 2, title: '清理', text: '及时清理宠物粪便' }, after: { number: 2, title: '清理', text: '及时清理宠物粪便' } },
          { articleId: lift.id, change: 'added', after: { number: 3, title: '电梯', text: '带宠物乘梯请抱起或牵紧' } },
        ])
        // Version 2 is in force: 王秀兰's household acknowledged version 1 only.
        const now = await wang.conventions.get(convention.id)
        expect(now.myAcknowledgement).toBeUndefined()
        expect(now.acknowledgedHouseholds).toBe(0)
      })
    })

    describe('proposals', () => {
      const proposalInput = (): ProposalInput => ({
        title: `3号楼门口增设休息座椅${run}`,
        body: '3号楼门口没有座椅，老人买菜回来想歇一歇都没地方，建议增设两张休息座椅。',
        photoIds: [],
      })

      it('staff set the threshold; a proposal is refused field by field, and with more than 9 photos', async () => {
        const [zhang, wang, li] = await Promise.all([as('u-zhang'), as('u-wang'), as('u-li')])
        const refusedSettings = await rejection(li.conventions.updateSettings({ proposalThreshold: 3, proposalWindowDays: 30 }))
        expect([refusedSettings.kind, refusedSettings.message]).toEqual(['forbidden', '只有社区工作者可以修改议事规则'])
        expect(await zhang.conventions.updateSettings({ proposalThreshold: 3, proposalWindowDays: 30 })).toEqual({ communityId: 'c-yingyue', proposalThreshold: 3, proposalWindowDays: 30 })
        expect(await wang.conventions.settings()).toEqual({ communityId: 'c-yingyue', proposalThreshold: 3, proposalWindowDays: 30 })

        const bad = await rejection(wang.conventions.propose({ title: '座椅', body: '太短了', photoIds: [] }, key()))
        expect(bad.kind).toBe('validation')
        expect(bad.fields).toEqual({ title: '请用一句话写明议题（至少4个字）', body: '请说明情况和您的建议（至少10个字）' })
        expect(bad.message).toBe('请用一句话写明议题（至少4个字）')

        const photos = await rejection(wang.conventions.propose({ ...proposalInput(), photoIds: Array.from({ length: 10 }, (_, i) => `ph-${i}`) }, key()))
        expect([photos.kind, photos.message, photos.fields]).toEqual(['validation', '最多上传9张照片', { photoIds: '最多上传9张照片' }])
      })

      it('a resident proposes (a retry answers the same proposal) and neighbours find it among similar ones', async () => {
        const [wang, li] = await Promise.all([as('u-wang'), as('u-li')])
        const input = proposalInput()
        const k = key()
        proposal = await wang.conventions.propose(input, k)
        expect(proposal).toMatchObject({
          communityId: 'c-yingyue',
          title: input.title,
          body: input.body,
          authorName: '王秀兰',
          authorBuildingName: '3号楼',
          status: 'collecting',
          cosigns: 0,
          threshold: 3,
          lapsed: false,
          cosignedByMyHousehold: false,
          mine: true,
          answered: false,
          contributions: 0,
          photos: [],
          minutes: [],
          canCosign: false,
          cosignRefusal: '这是您家提出的议题，不用再附议',
          canRate: false,
        })
        expect(Date.parse(proposal.deadline) - Date.parse(proposal.createdAt)).toBe(30 * 86_400_000)
        expect(await wang.conventions.propose(input, k)).toEqual(proposal)
        const other = await rejection(wang.conventions.propose({ ...input, body: `${input.body}另外建议装遮阳棚。` }, k))
        expect([other.kind, other.fields]).toEqual(['validation', { idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' }])

        const similar = await li.conventions.similarProposals('3号楼门口增设座椅')
        expect(similar[0]).toMatchObject({ id: proposal.id, title: input.title, mine: false, cosignedByMyHousehold: false })
        expect(await li.conventions.similarProposals('座')).toEqual([])
        const mine = await wang.conventions.listProposals({ filter: 'mine' })
        expect(mine.items.map((p) => p.id)).toEqual([proposal.id])
      })

      it('households co-sign until the threshold puts it on the agenda; the author’s household and staff cannot, a repeat changes nothing', async () => {
        const [wang, zhang, li, zhao, chen] = await Promise.all(['u-wang', 'u-zhang', 'u-li', 'u-zhao', 'u-chen'].map(as))
        const own = await rejection(wang.conventions.cosign(proposal.id))
        expect([own.kind, own.message]).toEqual(['forbidden', '这是您家提出的议题，不用再附议'])
        const staff = await rejection(zhang.conventions.cosign(proposal.id))
        expect([staff.kind, staff.message]).toEqual(['forbidden', '完成房屋认证后才能附议（每户一票）'])

        expect((await li.conventions.getProposal(proposal.id)).canCosign).toBe(true)
        const first = await li.conventions.cosign(proposal.id)
        expect(first).toMatchObject({ status: 'collecting', cosigns: 1, cosignedByMyHousehold: true, canCosign: false })
        expect(await li.conventions.cosign(proposal.id)).toEqual(first)
        expect((await zhao.conventions.cosign(proposal.id)).cosigns).toBe(2)
        const reached = await chen.conventions.cosign(proposal.id)
        expect(reached).toMatchObject({ status: 'agenda', cosigns: 3, threshold: 3, answered: false })
        expect((await wang.conventions.getProposal(proposal.id)).status).toBe('agenda')
      })

      it('staff cannot decline without a reason', async () => {
        const zhang = await as('u-zhang')
        const refused = await rejection(zhang.conventions.answer(proposal.id, { kind: 'declined', reason: '  ' }))
        expect([refused.kind, refused.message, refused.fields]).toEqual(['validation', '不予采纳请写明理由，居民会看到', { reason: '不予采纳请写明理由，居民会看到' }])
        const resident = await rejection((await as('u-li')).conventions.answer(proposal.id, { kind: 'agenda', reason: '' }))
        expect([resident.kind, resident.message]).toEqual(['forbidden', '只有社区工作者可以答复议题'])
        expect((await zhang.conventions.getProposal(proposal.id)).status).toBe('agenda')
      })
    })

    describe('discussions', () => {
      it('contributions take a stance, replies do not; staff hide one with a reason everyone sees', async () => {
        const [zhang, wang, li, zhao] = await Promise.all(['u-zhang', 'u-wang', 'u-li', 'u-zhao'].map(as))
        const subject = { kind: 'proposal' as const, id: proposal.id }
        const noStance = await rejection(li.conventions.contribute(subject, { body: '我再补充一句' }, key()))
        expect([noStance.kind, noStance.fields]).toEqual(['validation', { stance: '请选择您的态度：支持、反对或中立' }])

        const k = key()
        const pro = await li.conventions.contribute(subject, { body: '支持，老人确实需要歇脚的地方', stance: 'for' }, k)
        expect(pro).toEqual({ id: expect.any(String), subject, authorName: '李明', official: false, stance: 'for', body: '支持，老人确实需要歇脚的地方', mine: true, createdAt: expect.any(String) })
        expect(await li.conventions.contribute(subject, { body: '支持，老人确实需要歇脚的地方', stance: 'for' }, k)).toEqual(pro)
        const con = await zhao.conventions.contribute(subject, { body: '反对，座椅会被占来堆杂物', stance: 'against' }, key())
        const reply = await wang.conventions.contribute(subject, { body: '可以选不易堆物的款式', parentId: con.id }, key())
        expect(reply).toMatchObject({ parentId: con.id, authorName: '王秀兰', mine: true })
        expect(reply.stance).toBeUndefined()

        const page = await wang.conventions.listContributions(subject)
        expect(page.stances).toEqual({ for: 1, against: 1, neutral: 0 })
        expect(page.items.map((c) => [c.id, c.mine])).toEqual([
          [pro.id, false],
          [con.id, false],
          [reply.id, true],
        ])

        const notStaff = await rejection(li.conventions.hideContribution(con.id, '不实内容'))
        expect([notStaff.kind, notStaff.message]).toEqual(['forbidden', '只有社区工作者可以隐藏发言'])
        const noReason = await rejection(zhang.conventions.hideContribution(con.id, 'x'))
        expect([noReason.kind, noReason.fields]).toEqual(['validation', { reason: '请写明隐藏的理由（2–100字），大家会看到' }])
        const hidden = await zhang.conventions.hideContribution(con.id, '含有不实内容')
        expect(hidden).toMatchObject({ id: con.id, body: '反对，座椅会被占来堆杂物', hidden: { reason: '含有不实内容', byName: '张敏', at: expect.any(String) } })

        const after = await wang.conventions.listContributions(subject)
        expect(after.stances).toEqual({ for: 1, against: 0, neutral: 0 })
        // Another resident reads the author masked (ADR 25); staff read the name.
        expect((await zhang.conventions.listContributions(subject)).items.find((c) => c.id === con.id)?.authorName).toBe('赵小燕')
        expect(after.items.find((c) => c.id === con.id)).toEqual({
          id: con.id,
          subject,
          authorName: '赵**',
          official: false,
          stance: 'against',
          body: '',
          hidden: { reason: '含有不实内容', byName: '张敏', at: hidden.hidden!.at },
          mine: false,
          createdAt: con.createdAt,
        })
        expect((await zhang.conventions.listContributions(subject)).items.find((c) => c.id === con.id)?.body).toBe('反对，座椅会被占来堆杂物')
        // The hidden one is not counted.
        expect((await wang.conventions.getProposal(proposal.id)).contributions).toBe(2)
      })
    })

    describe('votes', () => {
      const voteInput = (over: Partial<VoteInput> = {}): VoteInput => ({
        title: `表决：3号楼门口增设座椅${run}`,
        description: '是否同意在3号楼门口增设两张休息座椅',
        kind: 'approval',
        options: [],
        scope: { kind: 'buildings', buildingIds: ['b-3'] },
        closesAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
        quorumPercent: 50,
        majority: 'simple',
        publicityDays: 7,
        ...over,
      })

      it('staff open a vote on the agenda proposal for 3号楼: its households on the roll, 8号楼 not on it', async () => {
        const [zhang, zhou, wang, zhao] = await Promise.all(['u-zhang', 'u-zhou', 'u-wang', 'u-zhao'].map(as))
        const input = voteInput({ proposalId: proposal.id })
        const k = key()
        vote = await zhang.conventions.openVote(input, k)
        expect(vote).toMatchObject({
          communityId: 'c-yingyue',
          title: input.title,
          kind: 'approval',
          options: [
            { id: 'o1', label: '同意' },
            { id: 'o2', label: '不同意' },
            { id: 'o3', label: '弃权' },
          ],
          scope: { kind: 'buildings', buildingIds: ['b-3'] },
          scopeLabel: '3号楼',
          quorumPercent: 50,
          majority: 'simple',
          publicityDays: 7,
          proposal: { id: proposal.id, title: proposal.title },
          closesAt: input.closesAt,
          status: 'open',
          eligible: BUILDING_3.length,
          voted: 0,
          myHousehold: { eligible: false },
          createdByName: '张敏',
        })
        expect(vote.result).toBeUndefined()
        expect((await zhang.conventions.openVote(input, k)).id).toBe(vote.id)
        expect(await wang.conventions.getProposal(proposal.id)).toMatchObject({ status: 'voting', voteId: vote.id })
        expect((await wang.conventions.overview()).votesToCast.map((v) => v.id)).toContain(vote.id)
        expect((await zhao.conventions.overview()).votesToCast.map((v) => v.id)).not.toContain(vote.id)

        const roll = await zhang.conventions.voteRoll(vote.id)
        expect(roll).toEqual({ voteId: vote.id, rows: BUILDING_3.map((room) => ({ buildingId: 'b-3', buildingName: '3号楼', room, voted: false })) })
        expect(await zhou.conventions.voteRoll(vote.id)).toEqual(roll)
        const resident = await rejection(wang.conventions.voteRoll(vote.id))
        expect([resident.kind, resident.message]).toEqual(['forbidden', '只有社区工作者和楼栋长可以查看投票名册'])

        const outside = await rejection(zhao.conventions.castBallot(vote.id, 'o1'))
        expect([outside.kind, outside.message]).toEqual(['forbidden', '您家不在本次表决的名册中（名册在表决开启时按范围内已认证的住户确定）'])
        expect((await zhao.conventions.getVote(vote.id)).myHousehold).toEqual({ eligible: false })
      })

      it('one ballot per household: a repeat by the same person is the vote as it is; a paper ballot bars the phone', async () => {
        const [zhang, zhou, wang] = await Promise.all(['u-zhang', 'u-zhou', 'u-wang'].map(as))
        const badOption = await rejection(wang.conventions.castBallot(vote.id, 'o9'))
        expect([badOption.kind, badOption.fields]).toEqual(['validation', { optionId: '请选择一个选项' }])

        const cast = await wang.conventions.castBallot(vote.id, 'o1')
        expect(cast).toMatchObject({ voted: 1, eligible: BUILDING_3.length, myHousehold: { eligible: true, ballot: { castByName: '王秀兰', channel: 'phone', at: expect.any(String) } } })
        expect(cast.result).toBeUndefined()
        expect(await wang.conventions.castBallot(vote.id, 'o1')).toEqual(cast)
        // Changing one's mind is not a second ballot: the first stands.
        expect(await wang.conventions.castBallot(vote.id, 'o2')).toEqual(cast)

        const paper = await zhang.conventions.enterPaperBallot(vote.id, { buildingId: 'b-3', room: '101', optionId: 'o2', note: '本人交回' })
        expect(paper.voted).toBe(2)
        const row = (await zhang.conventions.voteRoll(vote.id)).rows.find((r) => r.room === '101')!
        expect(row).toEqual({ buildingId: 'b-3', buildingName: '3号楼', room: '101', voted: true, channel: 'paper', castByName: '本人交回', enteredByName: '张敏', at: expect.any(String) })
        const phone = await rejection(zhou.conventions.castBallot(vote.id, 'o1'))
        expect([phone.kind, phone.message]).toEqual(['conflict', `社区已于${chinaTime(row.at!)}录入您家的纸质选票，每户只计一票`])
        const twice = await rejection(zhang.conventions.enterPaperBallot(vote.id, { buildingId: 'b-3', room: '101', optionId: 'o1', note: '本人交回' }))
        expect([twice.kind, twice.message]).toEqual(['conflict', `张敏已于${chinaTime(row.at!)}录入过该户的纸质选票，每户只计一票`])
        const overPhone = await rejection(zhang.conventions.enterPaperBallot(vote.id, { buildingId: 'b-3', room: '201', optionId: 'o1', note: '本人交回' }))
        expect([overPhone.kind, overPhone.message]).toEqual(['conflict', `该户的王秀兰已于${chinaTime(cast.myHousehold.ballot!.at)}在手机上投票，每户只计一票`])
        const offRoll = await rejection(zhang.conventions.enterPaperBallot(vote.id, { buildingId: 'b-8', room: '101', optionId: 'o1', note: '本人交回' }))
        expect([offRoll.kind, offRoll.fields]).toEqual(['validation', { room: '该户不在本次表决的名册中，请核对楼栋和房号' }])
        expect((await zhou.conventions.getVote(vote.id)).myHousehold).toEqual({ eligible: true, ballot: { castByName: '本人交回', channel: 'paper', at: row.at } })
      })

      it('the result stays hidden while open, and cannot be published before the close', async () => {
        const [zhang, wang] = await Promise.all([as('u-zhang'), as('u-wang')])
        expect((await wang.conventions.getVote(vote.id)).result).toBeUndefined()
        expect((await zhang.conventions.getVote(vote.id)).result).toBeUndefined()
        expect((await wang.conventions.listVotes()).items.find((v) => v.id === vote.id)?.result).toBeUndefined()
        const early = await rejection(zhang.conventions.publishResult(vote.id))
        expect([early.kind, early.message]).toEqual(['forbidden', `表决将于${chinaTime(vote.closesAt)}截止，截止后才能公布结果`])
        const resident = await rejection(wang.conventions.publishResult(vote.id))
        expect([resident.kind, resident.message]).toEqual(['forbidden', '只有社区工作者可以公布表决结果'])
      })
    })

    describe('disclosures', () => {
      const financeInput = (over: Partial<NonNullable<DisclosureInput['finance']>> = {}): DisclosureInput => ({
        category: 'finance',
        period: { year: 2026, month: 11 },
        title: `2026年11月公益金收支${run}`,
        body: '现将11月社区公益金收支情况公开如下。',
        photoIds: [],
        finance: {
          items: [
            { kind: 'income', name: '停车费', amountFen: 15_000 },
            { kind: 'expense', name: '绿化养护', amountFen: 5_000 },
          ],
          totalIncomeFen: 15_000,
          totalExpenseFen: 5_000,
          ...over,
        },
      })

      it('a finance table that does not add up is refused on its line; one that does is published and read by household', async () => {
        const [zhang, wang] = await Promise.all([as('u-zhang'), as('u-wang')])
        const wrong = await rejection(zhang.conventions.publishDisclosure(financeInput({ totalIncomeFen: 20_000 }), key()))
        expect([wrong.kind, wrong.message, wrong.fields]).toEqual([
          'validation',
          '收入合计为200.00元，但各项相加为150.00元，多了50.00元，请核对',
          { 'finance.totalIncomeFen': '收入合计为200.00元，但各项相加为150.00元，多了50.00元，请核对' },
        ])
        const resident = await rejection(wang.conventions.publishDisclosure(financeInput(), key()))
        expect([resident.kind, resident.message]).toEqual(['forbidden', '只有社区工作者可以发布公开内容'])

        const published = await zhang.conventions.publishDisclosure(financeInput(), key())
        disclosureId = published.id
        expect(published).toMatchObject({
          communityId: 'c-yingyue',
          category: 'finance',
          period: { year: 2026, month: 11 },
          periodLabel: '2026年11月',
          publishedByName: '张敏',
          readByMe: true,
          questions: 0,
          photos: [],
          finance: financeInput().finance,
          households: HOUSEHOLDS.length,
          readHouseholds: 0,
        })
        const seen = await wang.conventions.getDisclosure(disclosureId)
        expect(seen.readByMe).toBe(false)
        expect(seen.households).toBeUndefined()
        await wang.conventions.markDisclosureRead(disclosureId)
        await wang.conventions.markDisclosureRead(disclosureId)
        expect((await wang.conventions.getDisclosure(disclosureId)).readByMe).toBe(true)
        expect((await zhang.conventions.getDisclosure(disclosureId)).readHouseholds).toBe(1)

        const question = await wang.conventions.contribute({ kind: 'disclosure', id: disclosureId }, { body: '停车费是哪几个月的？' }, key())
        expect(question).toMatchObject({ official: false, body: '停车费是哪几个月的？' })
        expect(question.stance).toBeUndefined()
        const answer = await zhang.conventions.contribute({ kind: 'disclosure', id: disclosureId }, { body: '是11月整月的停车费。', parentId: question.id }, key())
        expect(answer).toMatchObject({ official: true, authorName: '张敏', parentId: question.id })
        const list = await wang.conventions.listDisclosures({ category: 'finance' })
        expect(list.items.find((d) => d.id === disclosureId)).toMatchObject({ questions: 2, readByMe: true, periodLabel: '2026年11月' })
        expect(list.items.every((d) => d.category === 'finance')).toBe(true)
      })
    })

    describe('isolation', () => {
      it('a resident of 春晖社区 is told that 映月社区’s convention, proposal, vote and disclosure do not exist', async () => {
        const lin = await as('ch-u-lin')
        const cases: Array<[() => Promise<unknown>, string]> = [
          [() => lin.conventions.get(convention.id), '公约不存在或您无权查看'],
          [() => lin.conventions.acknowledge(convention.id), '公约不存在或您无权查看'],
          [() => lin.conventions.getProposal(proposal.id), '议题不存在或您无权查看'],
          [() => lin.conventions.cosign(proposal.id), '议题不存在或您无权查看'],
          [() => lin.conventions.listContributions({ kind: 'proposal', id: proposal.id }), '议题不存在或您无权查看'],
          [() => lin.conventions.getVote(vote.id), '表决不存在或您无权查看'],
          [() => lin.conventions.castBallot(vote.id, 'o1'), '表决不存在或您无权查看'],
          [() => lin.conventions.getDisclosure(disclosureId), '公开内容不存在或您无权查看'],
        ]
        for (const [call, message] of cases) {
          const error = await rejection(call())
          expect([error.kind, error.message]).toEqual(['not_found', message])
        }
        expect((await lin.conventions.list()).map((c) => c.id)).not.toContain(convention.id)
        expect((await lin.conventions.listProposals()).items.map((p) => p.id)).not.toContain(proposal.id)
        expect((await lin.conventions.listVotes()).items.map((v) => v.id)).not.toContain(vote.id)
      })
    })
  })
}
