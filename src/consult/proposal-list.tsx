import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { ProposalSummary } from '../../types/domain'
import { Chips } from '../components/chips'
import { ProgressBar } from '../components/progress-bar'
import { PROPOSAL_STATUS_LABEL } from '../domain/consultation/proposals'
import { go, ROUTES } from '../navigation'
import type { ProposalFilter } from '../stores/proposals-store'
import { useStores } from '../stores/context'
import { VirtualPage, type PageEntry } from '../ui/virtual-page'
import { PR } from './texts-proposals'
import { EmptyState } from '../components/empty-state'
import './proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

/** One proposal in the list: its title and status, the co-signs against the threshold, days left, the discussion's size. */
export const ProposalRow = observer(function ProposalRow({ p }: { p: ProposalSummary }) {
  const { ui } = useStores()
  const collecting = p.status === 'collecting'
  return (
    <View {...KEYBOARD} className='card pl-row tap-target' data-proposal={p.id} aria-role='link' onClick={() => go(ROUTES.proposal(p.id))}>
      <View className='row pl-row__top'>
        <View className='pl-row__title grow'>{p.title}</View>
        <View className={`pl-status pl-status--${p.status}`}>{p.lapsed ? PR.lapsed : PROPOSAL_STATUS_LABEL[p.status]}</View>
      </View>
      <View className='pl-row__count'>{PR.cosignsOf(p.cosigns, p.threshold)}</View>
      {collecting && <ProgressBar name='threshold' share={p.cosigns / Math.max(1, p.threshold)} label={PR.cosignsOf(p.cosigns, p.threshold)} />}
      <View className='muted pl-row__meta'>
        {[p.authorBuildingName, collecting ? PR.daysLeft(p.deadline, ui.now) : '', PR.contributions(p.contributions)].filter(Boolean).join(' · ')}
      </View>
    </View>
  )
})

/**
 * The 议题 tab of the 议事 hub: filter chips, then the proposals, a page at a time, in a virtual
 * list that fills the rest of the page (the hub draws its tabs above it).
 */
export const ProposalList = observer(function ProposalList() {
  const { proposals, session } = useStores()
  const staff = session.hasRole('staff')
  const signedIn = session.status === 'signed_in'
  useEffect(() => {
    if (signedIn && proposals.available) void proposals.refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  const filters = PR.filters.filter((f) => f.value !== 'unanswered' || staff)
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <View className='pl-head'>
          <View className='row pl-head__title'>
            <View className='section-title grow'>{PR.listTitle}</View>
            {session.user?.home && (
              <Button className='pl-head__new' type='primary' size='small' onClick={() => go(ROUTES.newProposal())}>
                {PR.newProposal}
              </Button>
            )}
          </View>
          <Chips name='proposal-filter' scroll options={filters} selected={[proposals.filter]} onTap={(v) => void proposals.setFilter(v as ProposalFilter)} />
          {proposals.error && (
            <View className='card field-error pl-error' onClick={() => void proposals.refresh()}>
              {proposals.error}
              {PR.retry}
            </View>
          )}
          {proposals.loaded && proposals.items.length === 0 &&
            (proposals.filter === 'all' ? <EmptyState title={PR.listEmpty} description={PR.listEmptyHint} /> : <View className='card muted pl-empty'>{PR.filterEmpty}</View>)}
        </View>
      ),
    },
    ...proposals.items.map((p) => ({ key: p.id, render: () => <ProposalRow p={p} /> })),
  ]
  const footer = proposals.loading && !proposals.loaded ? (
    <View className='muted cp-more'>{PR.loading}</View>
  ) : proposals.hasMore ? (
    <View {...KEYBOARD} className='muted cp-more' onClick={() => void proposals.loadMore()}>
      {proposals.loadingMore ? PR.loading : PR.loadMore}
    </View>
  ) : proposals.loaded && proposals.items.length > 0 ? (
    <View className='muted cp-more'>{PR.noMore}</View>
  ) : null
  return (
    <VirtualPage
      className='proposal-list'
      entries={entries}
      footer={footer}
      estimatedHeight={200}
      onEndReached={() => void proposals.loadMore()}
      onRefresh={() => proposals.refresh()}
    />
  )
})
