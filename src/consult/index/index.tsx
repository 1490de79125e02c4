// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Convention, DisclosureCategory, DisclosureSummary } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { actorOf } from '../../domain/actor'
import { DISCLOSURE_CATEGORY_LABEL } from '../../domain/consultation/disclosures'
import { go, ROUTES } from '../../navigation'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { conventionMeta } from '../format'
import { ProposalList } from '../proposal-list'
import { C } from '../texts'
import { VoteList } from '../vote-list'
import { EmptyState } from '../../components/empty-state'
import '../consult.css'

type Tab = 'conventions' | 'proposals' | 'votes' | 'disclosures'
const TABS: Tab[] = ['conventions', 'proposals', 'votes', 'disclosures']
const CATEGORIES: DisclosureCategory[] = ['party', 'affairs', 'finance']

/** 议事: the hub of conventions (公约), proposals (议题), votes (表决) and disclosures (公开), one tab each (`?tab=`). */
function ConsultPage() {
  const { params } = useRouter()
  const initial = TABS.includes(params.tab as Tab) ? (params.tab as Tab) : 'conventions'
  const [tab, setTab] = useState<Tab>(initial)
  const { session, conventions, disclosures } = useStores()
  const signedIn = session.status === 'signed_in'

  const reload = async () => {
    if (!signedIn) return
    if (tab === 'conventions') await conventions.load()
    else if (tab === 'disclosures') await disclosures.refresh()
  }
  useDidShow(() => void reload())
  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, tab])
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (signedIn && tab === 'disclosures') void disclosures.loadMore()
  })

  if (!conventions.available) {
    return (
      <Screen requireSignIn className='consult'>
        <View className='card consult__off'>
          <View className='section-title'>{C.notOffered}</View>
          <View className='muted'>{C.notOfferedHint}</View>
        </View>
      </Screen>
    )
  }

  const tabs = <Tabs tab={tab} onTab={setTab} />
  // 议题 and 表决 are drawn by their own lists, under the tabs.
  if (tab === 'proposals' || tab === 'votes') {
    return (
      <Screen requireSignIn className='consult page--list consult--embedded'>
        {tabs}
        {tab === 'proposals' ? <ProposalList /> : <VoteList />}
      </Screen>
    )
  }

  const entries: PageEntry[] = [{ key: `head:${tab}`, render: () => (tab === 'conventions' ? <ConventionsHead tabs={tabs} /> : <DisclosuresHead tabs={tabs} />) }]
  let footer: JSX.Element | undefined
  if (tab === 'conventions') {
    for (const c of conventions.items) entries.push({ key: `c:${c.id}`, section: 'conventions', render: () => <ConventionRow convention={c} /> })
  } else {
    for (const d of disclosures.items) entries.push({ key: `d:${d.id}`, section: 'disclosures', render: () => <DisclosureRow disclosure={d} /> })
    footer = disclosures.hasMore ? (
      <View className='muted consult__more' aria-role='button' onClick={() => void disclosures.loadMore()}>
        {disclosures.loadingMore ? C.loading : C.loadMore}
      </View>
    ) : disclosures.loaded && disclosures.items.length > 0 ? (
      <View className='muted consult__more'>{C.noMore}</View>
    ) : undefined
  }
  return (
    <Screen requireSignIn className='consult page--list'>
      <VirtualPage
        key={tab}
        entries={entries}
        footer={footer}
        estimatedHeight={160}
        onEndReached={() => void (signedIn && tab === 'disclosures' && disclosures.loadMore())}
        onRefresh={reload}
      />
    </Screen>
  )
}

/** The four tabs; switching one keeps the page (the list of the tab is read when it shows). */
function Tabs({ tab, onTab }: { tab: Tab; onTab: (t: Tab) => void }) {
  return (
    <View className='consult__tabs' aria-role='tablist'>
      {C.tabs.map((t) => (
        <View
          key={t.value}
          className={`consult__tab tap-target${t.value === tab ? ' consult__tab--on' : ''}`}
          data-tab={t.value}
          aria-role='tab'
          aria-selected={t.value === tab}
          onClick={() => onTab(t.value as Tab)}
        >
          {t.label}
        </View>
      ))}
    </View>
  )
}

const ConventionsHead = observer(function ConventionsHead({ tabs }: { tabs: JSX.Element }) {
  const { conventions, session } = useStores()
  const user = session.user
  // Staff write every kind; a building leader, a 微公约 of the buildings they lead.
  const canCreate = !!user && (session.hasRole('staff') || (session.hasRole('building_leader') && user.leadsBuildingIds.length > 0))
  return (
    <View className='consult__head' data-section='conventions'>
      {tabs}
      <View className='row consult__title-row'>
        <View className='muted grow'>{C.conventionsIntro}</View>
      </View>
      {canCreate && (
        <Button className='consult__new' type='primary' fill='outline' block onClick={() => go(ROUTES.conventionEdit())}>
          {C.newConvention}
        </Button>
      )}
      {conventions.error && (
        <View className='card field-error' aria-role='button' onClick={() => void conventions.load()}>
          {conventions.error}
          {C.retry}
        </View>
      )}
      {!conventions.loaded && !conventions.error && <View className='muted consult__loading'>{C.loading}</View>}
      {conventions.loaded && conventions.items.length === 0 && <EmptyState title={C.noConventions} description={C.noConventionsHint} />}
    </View>
  )
})

/** A convention in the list: title, kind, version, effective date; mine to acknowledge, or the count for who sees it. */
const ConventionRow = observer(function ConventionRow({ convention: c }: { convention: Convention }) {
  const { session } = useStores()
  const user = session.user
  // Staff see the community, leaders their buildings (the backend counts what each may see).
  const seesCount = !!user && (session.hasRole('staff') || (c.kind === 'building' && c.buildingIds.some((b) => actorOf(user).leadsBuildingIds.includes(b))))
  return (
    <View className='card conv-row tap-target' data-id={c.id} aria-role='button' onClick={() => go(ROUTES.convention(c.id))}>
      <Text className='conv-row__title'>{c.title}</Text>
      <View className='muted conv-row__meta'>{conventionMeta(c)}</View>
      {c.kind === 'building' && c.buildingNames.length > 0 && <View className='muted'>{C.buildingsOf(c.buildingNames)}</View>}
      <View className='row conv-row__marks'>
        {c.bindsMe && c.inForce && (
          <Text className={`conv-mark ${c.myAcknowledgement ? 'conv-mark--done' : 'conv-mark--todo'}`}>{c.myAcknowledgement ? C.acknowledged : C.pleaseAcknowledge}</Text>
        )}
        {seesCount && c.inForce && <Text className='muted conv-row__count'>{C.acknowledgedOf(c.acknowledgedHouseholds, c.households)}</Text>}
      </View>
    </View>
  )
})

const DisclosuresHead = observer(function DisclosuresHead({ tabs }: { tabs: JSX.Element }) {
  const { disclosures, session } = useStores()
  const options = [{ value: 'all', label: C.allCategories }, ...CATEGORIES.map((c) => ({ value: c, label: DISCLOSURE_CATEGORY_LABEL[c] }))]
  return (
    <View className='consult__head' data-section='disclosures'>
      {tabs}
      <View className='muted consult__intro'>{C.disclosuresIntro}</View>
      <Chips
        name='category'
        scroll
        options={options}
        selected={[disclosures.category ?? 'all']}
        onTap={(v) => void disclosures.setCategory(v === 'all' ? null : (v as DisclosureCategory))}
      />
      {session.hasRole('staff') && (
        <Button className='consult__new consult__publish' type='primary' fill='outline' block onClick={() => go(ROUTES.publishDisclosure)}>
          {C.publishDisclosure}
        </Button>
      )}
      {disclosures.error && (
        <View className='card field-error' aria-role='button' onClick={() => void disclosures.refresh()}>
          {disclosures.error}
          {C.retry}
        </View>
      )}
      {disclosures.loading && !disclosures.loaded && <View className='muted consult__loading'>{C.loading}</View>}
      {disclosures.loaded && disclosures.items.length === 0 && <EmptyState title={C.noDisclosures} description={C.noDisclosuresHint} />}
    </View>
  )
})

const DisclosureRow = observer(function DisclosureRow({ disclosure: d }: { disclosure: DisclosureSummary }) {
  const { ui } = useStores()
  return (
    <View className='card disc-row tap-target' data-id={d.id} aria-role='button' onClick={() => go(ROUTES.disclosure(d.id))}>
      <View className='row'>
        {!d.readByMe && (
          <View className='disc-row__dot'>
            <Text className='sr-only'>{C.unread}</Text>
          </View>
        )}
        <Text className={`disc-cat disc-cat--${d.category}`}>{DISCLOSURE_CATEGORY_LABEL[d.category]}</Text>
        <Text className='disc-row__period'>{d.periodLabel}</Text>
      </View>
      <Text className='disc-row__title'>{d.title}</Text>
      <View className='muted'>
        {C.publishedBy(d.publishedByName, formatTime(d.publishedAt, ui.now))}
        {d.questions > 0 ? ` · ${C.questionsCount(d.questions)}` : ''}
      </View>
    </View>
  )
})

export default observer(ConsultPage)
