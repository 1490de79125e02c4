import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Vote } from '../../types/domain'
import { ProgressBar } from '../components/progress-bar'
import { go, ROUTES } from '../navigation'
import { formatTime } from '../platform/time'
import { useStores } from '../stores/context'
import { VirtualPage, type PageEntry } from '../ui/virtual-page'
import { PR } from './texts-proposals'
import { EmptyState } from '../components/empty-state'
import './proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

/** One vote in the list: title, status, scope, the window, turnout, and whether my household has voted. */
export const VoteRow = observer(function VoteRow({ v }: { v: Vote }) {
  const { ui } = useStores()
  const mine = v.myHousehold
  return (
    <View {...KEYBOARD} className='card vl-row tap-target' data-vote={v.id} aria-role='link' onClick={() => go(ROUTES.vote(v.id))}>
      <View className='row'>
        <View className='pl-row__title grow'>{v.title}</View>
        <View className={`pl-status vl-status--${v.status}`}>{PR.voteStatus[v.status]}</View>
      </View>
      <View className='muted'>
        {v.scopeLabel} · {PR.closesAt(formatTime(v.closesAt, ui.now))}
      </View>
      <View className='pl-row__count'>{PR.turnout(v.voted, v.eligible)}</View>
      <ProgressBar name='turnout' share={v.voted / Math.max(1, v.eligible)} mark={v.quorumPercent / 100} label={PR.turnout(v.voted, v.eligible)} />
      {mine.ballot ? (
        <View className='vl-row__mine vl-row__mine--done'>{PR.votedShort}</View>
      ) : v.status === 'open' && mine.eligible ? (
        <View className='vl-row__mine'>{PR.chooseOption}</View>
      ) : null}
    </View>
  )
})

/** The 表决 tab of the 议事 hub: the votes of my community, newest first, in a virtual list. */
export const VoteList = observer(function VoteList() {
  const { votes, session } = useStores()
  const staff = session.hasRole('staff')
  const signedIn = session.status === 'signed_in'
  useEffect(() => {
    if (signedIn && votes.available) void votes.refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <View className='pl-head'>
          <View className='row pl-head__title'>
            <View className='section-title grow'>{PR.votesTitle}</View>
            {staff && (
              <Button className='vl-head__new' type='primary' size='small' onClick={() => go(ROUTES.newVote())}>
                {PR.newVote}
              </Button>
            )}
          </View>
          {votes.error && (
            <View className='card field-error pl-error' onClick={() => void votes.refresh()}>
              {votes.error}
              {PR.retry}
            </View>
          )}
          {votes.loaded && votes.items.length === 0 && <EmptyState title={PR.votesEmpty} description={PR.votesEmptyHint} />}
        </View>
      ),
    },
    ...votes.items.map((v) => ({ key: v.id, render: () => <VoteRow v={v} /> })),
  ]
  const footer = votes.loading && !votes.loaded ? (
    <View className='muted cp-more'>{PR.loading}</View>
  ) : votes.hasMore ? (
    <View {...KEYBOARD} className='muted cp-more' onClick={() => void votes.loadMore()}>
      {votes.loadingMore ? PR.loading : PR.loadMore}
    </View>
  ) : votes.loaded && votes.items.length > 0 ? (
    <View className='muted cp-more'>{PR.noMore}</View>
  ) : null
  return <VirtualPage className='vote-list' entries={entries} footer={footer} estimatedHeight={230} onEndReached={() => void votes.loadMore()} onRefresh={() => votes.refresh()} />
})
