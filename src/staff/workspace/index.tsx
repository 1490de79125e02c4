// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { Chips } from '../../components/chips'
import { InboxRow } from '../../components/inbox-row'
import { NoticeRow } from '../../components/notice-row'
import { actorOf } from '../../domain/actor'
import { isOverdue } from '../../domain/deadline'
import { canManagePeople, reviewsClaims } from '../../domain/membership'
import { canModerate } from '../../domain/moderation/rules'
import { isTerminal } from '../../domain/report-status'
import { go, ROUTES } from '../../navigation'
import { deadlineText, fromNow, formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import type { InboxStatusGroup } from '../../stores/inbox-store'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { S } from '../texts'
import type { ReportSummary, SentNotice } from '../../../types/domain'
import { EmptyState } from '../../components/empty-state'
import './index.css'

const ALL = '*'

/** Quick actions at the top of the workspace: big tiles, one tap each. */
const Actions = observer(function Actions() {
  const { session, capabilities } = useStores()
  const staff = session.hasRole('staff')
  const leader = session.hasRole('building_leader')
  const tiles = [
    staff && capabilities.dashboard && { key: 'dashboard', label: S.dashboard, url: ROUTES.dashboard },
    (staff || leader) && capabilities.notices && { key: 'publish', label: S.publish, url: ROUTES.publishNotice },
    (staff || leader) && { key: 'assisted', label: S.assisted, url: ROUTES.assistedReport },
    staff && capabilities.services && { key: 'booking', label: S.booking, url: ROUTES.bookingDesk },
    capabilities.messages && { key: 'messages', label: S.messages, url: ROUTES.messages },
  ].filter(Boolean) as Array<{ key: string; label: string; url: string }>
  if (tiles.length === 0) return null
  return (
    <View className='workspace__actions'>
      {tiles.map((t) => (
        <View key={t.key} className='workspace__action tap-target' data-action={t.key} aria-role='button' onClick={() => go(t.url)}>
          {t.label}
        </View>
      ))}
    </View>
  )
})

/** What this person may run of the community (admin/): claims, invites, people, the code, its settings; 审核 and 操作记录 (issue 13). */
function manageTiles(roles: { staff: boolean; admin: boolean; reviews: boolean; manages: boolean; membership: boolean; moderates: boolean; readsAudit: boolean }) {
  const m = roles.membership
  return [
    m && roles.reviews && { key: 'claims', label: S.reviewClaims, url: ROUTES.reviewClaims },
    roles.moderates && { key: 'moderation', label: S.moderation, url: ROUTES.moderation },
    m && roles.manages && { key: 'invites', label: S.invites, url: ROUTES.invites },
    m && roles.manages && { key: 'people', label: S.people, url: ROUTES.people },
    m && (roles.staff || roles.admin) && { key: 'join-code', label: S.communityCode, url: ROUTES.communityCode },
    m && roles.admin && { key: 'structure', label: S.structure, url: ROUTES.structure },
    roles.readsAudit && { key: 'audit', label: S.audit, url: ROUTES.audit },
  ].filter(Boolean) as Array<{ key: string; label: string; url: string }>
}

/** How many wait, under a tile: "3 条待审核", "暂无待审核", or nothing until counted. */
function waitingText(n: number | null, more: boolean, some: (n: string) => string, none: string): string | null {
  return n === null ? null : n === 0 ? none : some(more ? `${n}+` : String(n))
}

/** 社区管理: big tiles into the admin pages, 住户认证审核 and 内容审核 with how many wait. */
const ManageTiles = observer(function ManageTiles() {
  const { session, claimsReview, moderation, capabilities } = useStores()
  const user = session.user
  if (!user) return null
  const actor = actorOf(user)
  const staff = session.hasRole('staff')
  const admin = session.hasRole('admin')
  const tiles = manageTiles({
    staff,
    admin,
    reviews: reviewsClaims(actor),
    manages: canManagePeople(actor),
    membership: capabilities.membership,
    moderates: capabilities.moderation && canModerate(actor),
    readsAudit: capabilities.audit && (staff || admin || session.hasRole('street_staff')),
  })
  if (tiles.length === 0) return null
  const counts: Record<string, { n: number | null; text: string | null }> = {
    claims: { n: claimsReview.pendingCount, text: waitingText(claimsReview.pendingCount, claimsReview.pendingMore, S.reviewClaimsCount, S.reviewClaimsNone) },
    moderation: { n: moderation.heldCount, text: waitingText(moderation.heldCount, moderation.heldMore, S.moderationCount, S.moderationNone) },
  }
  return (
    <View className='workspace__admin'>
      <View className='section-title'>{S.manage}</View>
      <View className='workspace__actions'>
        {tiles.map((t) => {
          const count = counts[t.key]
          return (
            <View key={t.key} className='workspace__action workspace__manage tap-target' data-action={t.key} aria-role='button' onClick={() => go(t.url)}>
              <View>{t.label}</View>
              {count?.text && (
                <View className={`workspace__count${count.n ? ' workspace__count--on' : ''}`} data-count={count.n ?? undefined}>
                  {count.text}
                </View>
              )}
              {/* Until counted, an empty line keeps the count's place: the tiles below do not move when it comes. */}
              {count && !count.text && <View className='workspace__count workspace__count--pending' aria-hidden='true'>{'\u00a0'}</View>}
            </View>
          )
        })}
      </View>
    </View>
  )
})

/** A street officer's desk: the street's communities' figures. */
function StreetHead() {
  return (
    <View className='workspace__street'>
      <View className='card muted workspace__intro'>{S.streetIntro}</View>
      <View className='card workspace__big tap-target' data-action='dashboard' aria-role='button' onClick={() => go(ROUTES.dashboard)}>
        <View className='workspace__big-title'>{S.streetDashboard}</View>
        <View className='muted'>{S.streetDashboardHint}</View>
      </View>
    </View>
  )
}

/** The head of the inbox: its title, whose grids, the filters, and what went wrong or is empty. */
const InboxHead = observer(function InboxHead() {
  const { session, inbox, directory } = useStores()
  const user = session.user
  const staff = session.hasRole('staff')
  const grids = directory.directory?.grids ?? []
  const myGrids = staff ? grids : grids.filter((g) => user?.gridIds.includes(g.id))
  const f = inbox.filter

  const toggles = [
    { value: 'overdue', label: S.overdueOnly },
    { value: 'escalated', label: S.escalatedOnly },
  ]
  const toggled = [f.overdueOnly && 'overdue', f.escalatedOnly && 'escalated'].filter(Boolean) as string[]
  const categories = [{ value: ALL, label: S.allCategories }, ...directory.categories.filter((c) => !c.emergency).map((c) => ({ value: c.id, label: c.name }))]
  const gridOptions = [{ value: ALL, label: S.allGrids }, ...myGrids.map((g) => ({ value: g.id, label: g.name }))]

  return (
    <View className='workspace__inbox'>
      <View className='row'>
        <View className='section-title grow'>{S.inbox}</View>
        {inbox.filtered && (
          <View className='workspace__reset' onClick={() => void inbox.resetFilter()}>
            {S.resetFilter}
          </View>
        )}
      </View>
      {!staff && myGrids.length > 0 && <View className='muted workspace__grids'>{S.myGrids(myGrids.map((g) => g.name).join('、'))}</View>}
      <View className='workspace__filters'>
        <Chips name='status' scroll options={S.groups} selected={[f.group]} onTap={(v) => void inbox.setFilter({ group: v as InboxStatusGroup })} />
        <Chips
          name='flags'
          multiple
          options={toggles}
          selected={toggled}
          onTap={(v) => void inbox.setFilter(v === 'overdue' ? { overdueOnly: !f.overdueOnly } : { escalatedOnly: !f.escalatedOnly })}
        />
        <Chips name='category' scroll options={categories} selected={[f.categoryId ?? ALL]} onTap={(v) => void inbox.setFilter({ categoryId: v === ALL ? undefined : v })} />
        {myGrids.length > 1 && (
          <Chips name='grid' scroll options={gridOptions} selected={[f.gridId ?? ALL]} onTap={(v) => void inbox.setFilter({ gridId: v === ALL ? undefined : v })} />
        )}
      </View>

      {inbox.error && (
        <View className='card field-error' onClick={() => void inbox.refresh()}>
          {inbox.error}
          {S.retry}
        </View>
      )}
      {inbox.loaded && inbox.items.length === 0 && !inbox.loading && <EmptyState title={inbox.filtered ? S.inboxEmptyFiltered : S.inboxEmpty} />}
    </View>
  )
})

/** One row of the inbox; it reads the clock itself, so its times move on while the page is open. */
const InboxEntry = observer(function InboxEntry({ report }: { report: ReportSummary }) {
  const { directory, ui } = useStores()
  const now = ui.now
  const waiting = !isTerminal(report.status) && report.status !== 'resolved'
  return (
    <InboxRow
      report={report}
      when={fromNow(report.createdAt, now)}
      deadline={waiting ? deadlineText(report.deadlineAt, now) : ''}
      overdue={isOverdue(report, now)}
      gridName={directory.gridName(report.gridId)}
      onOpen={(id) => go(ROUTES.handleReport(id))}
    />
  )
})

/** What ends the inbox: still loading, more to read, or all of it shown. */
const InboxFooter = observer(function InboxFooter() {
  const { inbox } = useStores()
  if (inbox.loading) return <View className='muted workspace__more'>{S.loading}</View>
  if (inbox.hasMore) {
    return (
      <View className='muted workspace__more' onClick={() => void inbox.loadMore()}>
        {inbox.loadingMore ? S.loading : S.loadMore}
      </View>
    )
  }
  if (inbox.loaded && inbox.items.length > 0) return <View className='muted workspace__more'>{S.noMore}</View>
  return null
})

/** A building leader's desk: broadcast, 代报 (the full desk, for a leader who handles no reports). */
const LeaderHead = observer(function LeaderHead({ compact }: { compact: boolean }) {
  const { notices, capabilities } = useStores()
  return (
    <View className='workspace__leader'>
      {!compact && <View className='card muted workspace__intro'>{S.leaderIntro}</View>}
      {!compact && (
        <>
          {capabilities.notices && (
            <View className='card workspace__big tap-target' data-action='publish' aria-role='button' onClick={() => go(ROUTES.publishNotice)}>
              <View className='workspace__big-title'>{S.leaderPublish}</View>
              <View className='muted'>{S.leaderPublishHint}</View>
            </View>
          )}
          <View className='card workspace__big tap-target' data-action='assisted' aria-role='button' onClick={() => go(ROUTES.assistedReport)}>
            <View className='workspace__big-title'>{S.leaderAssisted}</View>
            <View className='muted'>{S.leaderAssistedHint}</View>
          </View>
        </>
      )}
      {capabilities.notices && (
        <>
          <View className='section-title'>{S.sentNotices}</View>
          {notices.sentError && (
            <View className='card field-error' onClick={() => void notices.refreshSent()}>
              {notices.sentError}
            </View>
          )}
          {notices.sentLoaded && notices.sent.length === 0 && <View className='card muted'>{S.sentNoticesEmpty}</View>}
        </>
      )}
    </View>
  )
})

/** One notice the leader sent, with who has read it. */
const SentEntry = observer(function SentEntry({ notice }: { notice: SentNotice }) {
  const { ui } = useStores()
  return (
    <View className='workspace__sent'>
      <NoticeRow notice={{ ...notice, read: true }} when={formatTime(notice.publishedAt, ui.now)} onOpen={(id) => go(ROUTES.noticeDetail(id))} />
      <View className='muted workspace__read' data-read={`${notice.readHouseholds}/${notice.households}`}>
        {S.readCount(notice.readHouseholds, notice.households)}
      </View>
      <Button className='workspace__receipts' type='primary' fill='outline' size='large' block onClick={() => go(ROUTES.noticeReceipts(notice.id))}>
        {S.receipts}
      </Button>
    </View>
  )
})

const SentFooter = observer(function SentFooter() {
  const { notices } = useStores()
  if (!notices.sentHasMore) return null
  return (
    <View className='muted workspace__more' onClick={() => void notices.loadMoreSent()}>
      {S.loadMore}
    </View>
  )
})

function WorkspacePage() {
  const { session, inbox, notices, capabilities, claimsReview, moderation } = useStores()
  const signedIn = session.status === 'signed_in'
  const handler = session.isHandler
  const leader = session.hasRole('building_leader')
  const admin = session.hasRole('admin')
  const street = session.hasRole('street_staff')
  const reviews = session.user ? reviewsClaims(actorOf(session.user)) : false
  const moderates = session.user ? canModerate(actorOf(session.user)) : false

  const reload = () => {
    if (handler) void (inbox.loaded ? inbox.refresh() : inbox.load())
    if (leader) void Promise.all([notices.refresh(), notices.refreshSent()])
    if (reviews && capabilities.membership) void claimsReview.countPending()
    if (moderates && capabilities.moderation) void moderation.countHeld()
  }
  useDidShow(() => {
    if (signedIn) reload()
  })
  useEffect(() => {
    if (signedIn) reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  const refresh = async () => {
    if (signedIn) await Promise.all([handler ? inbox.refresh() : undefined, leader ? notices.refresh() : undefined, leader ? notices.refreshSent() : undefined])
  }
  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })
  // The inbox first; a leader's sent notices after it (or alone, for a leader who handles nothing).
  const loadMore = () => {
    if (!signedIn) return
    if (handler && inbox.hasMore) void inbox.loadMore()
    else if (leader && capabilities.notices) void notices.loadMoreSent()
  }
  useReachBottom(loadMore)

  // One scrolling list: the heads of the sections and their rows; the last section's footer outside it.
  const entries: PageEntry[] = []
  if (signedIn && !handler && !leader && !admin && !street) entries.push({ key: 'no-access', render: () => <View className='card muted'>{S.noAccess}</View> })
  // Who handles no reports and leads no building (an admin, a street officer) starts with their own desk.
  if (!handler && !leader && (admin || street)) {
    entries.push({
      key: 'manage',
      render: () => (
        <>
          {street && <StreetHead />}
          <ManageTiles />
        </>
      ),
    })
  }
  if (handler) {
    entries.push({
      key: 'inbox-head',
      render: () => (
        <>
          <Actions />
          <ManageTiles />
          <InboxHead />
        </>
      ),
    })
    // The first page's loading line stands where its rows go (replaced by them), not in the footer
    // below them: a footer drawn before the rows moved down as they arrived (a layout shift, ADR 34).
    if (!inbox.loaded && inbox.loading) entries.push({ key: 'inbox-loading', render: () => <View className='muted workspace__more'>{S.loading}</View> })
    for (const r of inbox.items) entries.push({ key: r.id, render: () => <InboxEntry report={r} /> })
  }
  if (handler && leader) entries.push({ key: 'inbox-footer', render: () => <InboxFooter /> })
  if (leader) {
    entries.push({
      key: 'leader-head',
      render: () => (
        <>
          {!handler && <ManageTiles />}
          <LeaderHead compact={handler} />
        </>
      ),
    })
    if (capabilities.notices) for (const n of notices.sent) entries.push({ key: n.id, render: () => <SentEntry notice={n} /> })
  }
  // Until the inbox's first page is in, no footer: it is drawn afresh below the rows (see InboxHead).
  const footer = leader ? <SentFooter /> : handler && inbox.loaded ? <InboxFooter /> : undefined

  return (
    <Screen requireSignIn className='workspace page--list'>
      <VirtualPage entries={entries} footer={footer} estimatedHeight={handler ? 190 : 260} onEndReached={loadMore} onRefresh={refresh} />
    </Screen>
  )
}

export default observer(WorkspacePage)
