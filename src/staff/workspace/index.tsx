import { Button, Empty } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { Chips } from '../../components/chips'
import { InboxRow } from '../../components/inbox-row'
import { NoticeRow } from '../../components/notice-row'
import { isOverdue } from '../../domain/deadline'
import { isTerminal } from '../../domain/report-status'
import { go, ROUTES } from '../../navigation'
import { deadlineText, fromNow, formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import type { InboxStatusGroup } from '../../stores/inbox-store'
import { Screen } from '../../ui/screen'
import { S } from '../texts'
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

/** The inbox of a staff member (whole community) or a grid worker (their grids). */
const Inbox = observer(function Inbox() {
  const { session, inbox, directory, ui } = useStores()
  const user = session.user
  const staff = session.hasRole('staff')
  const grids = directory.directory?.grids ?? []
  const myGrids = staff ? grids : grids.filter((g) => user?.gridIds.includes(g.id))
  const f = inbox.filter
  const now = ui.now // relative times move on while the page is open

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
      {inbox.items.map((r) => {
        const waiting = !isTerminal(r.status) && r.status !== 'resolved'
        return (
          <InboxRow
            key={r.id}
            report={r}
            when={fromNow(r.createdAt, now)}
            deadline={waiting ? deadlineText(r.deadlineAt, now) : ''}
            overdue={isOverdue(r, now)}
            gridName={directory.gridName(r.gridId)}
            onOpen={(id) => go(ROUTES.handleReport(id))}
          />
        )
      })}
      {inbox.loaded && inbox.items.length === 0 && !inbox.loading && <Empty title={inbox.filtered ? S.inboxEmptyFiltered : S.inboxEmpty} />}
      {inbox.loading && <View className='muted workspace__more'>{S.loading}</View>}
      {inbox.hasMore && !inbox.loading && (
        <View className='muted workspace__more' onClick={() => void inbox.loadMore()}>
          {inbox.loadingMore ? S.loading : S.loadMore}
        </View>
      )}
      {inbox.loaded && !inbox.hasMore && inbox.items.length > 0 && <View className='muted workspace__more'>{S.noMore}</View>}
    </View>
  )
})

/** A building leader's workspace: broadcast, 代报, and who has read what they sent. */
const LeaderDesk = observer(function LeaderDesk({ compact }: { compact: boolean }) {
  const { notices, capabilities, ui } = useStores()
  const mine = notices.sent
  const now = ui.now // relative times move on while the page is open
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
          {mine.map((n) => (
            <View key={n.id} className='workspace__sent'>
              <NoticeRow notice={{ ...n, read: true }} when={formatTime(n.publishedAt, now)} onOpen={(id) => go(ROUTES.noticeDetail(id))} />
              <View className='muted workspace__read' data-read={`${n.readHouseholds}/${n.households}`}>
                {S.readCount(n.readHouseholds, n.households)}
              </View>
              <Button className='workspace__receipts' type='primary' fill='outline' size='large' block onClick={() => go(ROUTES.noticeReceipts(n.id))}>
                {S.receipts}
              </Button>
            </View>
          ))}
          {notices.sentError && (
            <View className='card field-error' onClick={() => void notices.refreshSent()}>
              {notices.sentError}
            </View>
          )}
          {notices.sentLoaded && mine.length === 0 && <View className='card muted'>{S.sentNoticesEmpty}</View>}
          {notices.sentHasMore && (
            <View className='muted workspace__more' onClick={() => void notices.loadMoreSent()}>
              {S.loadMore}
            </View>
          )}
        </>
      )}
    </View>
  )
})

function WorkspacePage() {
  const { session, inbox, notices } = useStores()
  const signedIn = session.status === 'signed_in'
  const handler = session.isHandler
  const leader = session.hasRole('building_leader')

  const reload = () => {
    if (handler) void (inbox.loaded ? inbox.refresh() : inbox.load())
    if (leader) void Promise.all([notices.refresh(), notices.refreshSent()])
  }
  useDidShow(() => {
    if (signedIn) reload()
  })
  useEffect(() => {
    if (signedIn) reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  usePullDownRefresh(async () => {
    if (signedIn) await Promise.all([handler ? inbox.refresh() : undefined, leader ? notices.refresh() : undefined, leader ? notices.refreshSent() : undefined])
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (signedIn && handler) void inbox.loadMore()
  })

  return (
    <Screen requireSignIn className='workspace'>
      {signedIn && !handler && !leader && <View className='card muted'>{S.noAccess}</View>}
      {handler && <Actions />}
      {handler && <Inbox />}
      {leader && <LeaderDesk compact={handler} />}
    </Screen>
  )
}

export default observer(WorkspacePage)
