// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { AuditAction, AuditEvent } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { auditEventWords } from '../../domain/moderation/held-for'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { R } from '../review-texts'
import '../review.css'

const ALL = '*'

/** The top of the log: what it is, a street officer's community, the action filter, errors, empty. */
const AuditHead = observer(function AuditHead() {
  const { auditLog: log } = useStores()
  const actions = [{ value: ALL, label: R.allActions }, ...R.actionFilters]
  return (
    <View className='review__head'>
      <View className='card muted review__intro'>{R.auditIntro}</View>
      {log.street && log.communities.length > 0 && (
        <Chips name='community' scroll options={log.communities.map((c) => ({ value: c.id, label: c.name }))} selected={log.communityId ? [log.communityId] : []} onTap={(v) => void log.setCommunity(v)} />
      )}
      <Chips name='action' scroll options={actions} selected={[log.action ?? ALL]} onTap={(v) => void log.setAction(v === ALL ? null : (v as AuditAction))} />
      {(log.error || log.communitiesError) && (
        <View className='card field-error review__error tap-target' aria-role='alert' onClick={() => void log.refresh()}>
          {log.error ?? log.communitiesError}
          {R.retry}
        </View>
      )}
      {log.loaded && log.items.length === 0 && !log.loading && <View className='card muted audit__empty'>{log.action ? R.auditEmptyFiltered : R.auditEmpty}</View>}
    </View>
  )
})

/** One event: what was done, by whom in which role, on what (and whom it concerns), when, the note. */
const AuditEntry = observer(function AuditEntry({ event }: { event: AuditEvent }) {
  const { ui } = useStores()
  const words = auditEventWords(event)
  return (
    <View className='card audit__row' data-event={event.id} data-action={event.action}>
      <View className='row'>
        <View className='grow audit__what'>{words.what}</View>
        <View className='muted audit__when'>{formatTime(event.at, ui.now)}</View>
      </View>
      <View className='audit__who'>{words.who}</View>
      <View className='muted audit__on'>{words.on}</View>
      {event.note && <View className='audit__note'>{R.note(event.note)}</View>}
    </View>
  )
})

const AuditFooter = observer(function AuditFooter() {
  const { auditLog: log } = useStores()
  if (log.loading && !log.loaded) return <View className='muted review__more'>{R.loading}</View>
  if (log.hasMore) {
    return (
      <View className='muted review__more tap-target' aria-role='button' onClick={() => void log.loadMore()}>
        {log.list.loadingMore ? R.loading : R.loadMore}
      </View>
    )
  }
  if (log.loaded && log.items.length > 0) return <View className='muted review__more'>{R.noMore}</View>
  return null
})

/** 操作记录: staff and admins read their community's log; a street officer one of the street's communities. */
function AuditPage() {
  const { session, auditLog: log } = useStores()
  const signedIn = session.status === 'signed_in'
  const street = session.hasRole('street_staff')
  const allowed = street || session.hasRole('staff') || session.hasRole('admin')
  useDidShow(() => {
    if (signedIn && allowed) void (log.loaded ? log.refresh() : log.load({ street }))
  })
  useEffect(() => {
    if (signedIn && allowed) void log.load({ street })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed, street])
  usePullDownRefresh(async () => {
    if (allowed) await log.refresh()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => void log.loadMore())

  if (signedIn && (!allowed || !log.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted review__denied'>{log.available ? R.auditOnly : R.auditUnavailable}</View>
      </Screen>
    )
  }
  const entries: PageEntry[] = [{ key: 'head', render: () => <AuditHead /> }]
  for (const event of log.items) entries.push({ key: event.id, render: () => <AuditEntry event={event} /> })
  return (
    <Screen requireSignIn className='audit page--list'>
      <VirtualPage entries={entries} footer={<AuditFooter />} estimatedHeight={220} onEndReached={() => void log.loadMore()} onRefresh={log.refresh} />
    </Screen>
  )
}

export default observer(AuditPage)
