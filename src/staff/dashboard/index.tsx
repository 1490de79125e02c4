// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { BarChart } from '../../components/bar-chart'
import { Chips } from '../../components/chips'
import { StatTile } from '../../components/stat-tile'
import { StatusBadge } from '../../components/status-badge'
import { REPORT_STATUSES } from '../../domain/report-status'
import { useStores } from '../../stores/context'
import type { DashboardRange } from '../../stores/dashboard-store'
import { Screen } from '../../ui/screen'
import { S } from '../texts'
import './index.css'

/** "11-21" → "11/21" */
function shortDay(day: string): string {
  const [, m, d] = day.split('-')
  return `${Number(m)}/${Number(d)}`
}

/** A street officer's choice of which of the street's communities the figures are of. */
const CommunityPicker = observer(function CommunityPicker() {
  const { dashboard } = useStores()
  if (dashboard.communitiesError) {
    return (
      <View className='card field-error dashboard__error tap-target' aria-role='alert' onClick={() => void dashboard.loadCommunities().then(() => dashboard.load())}>
        {dashboard.communitiesError}
      </View>
    )
  }
  if (!dashboard.communitiesLoaded) return null
  if (dashboard.communities.length === 0) return <View className='card muted dashboard__communities'>{S.noCommunities}</View>
  return (
    <View className='dashboard__communities'>
      <View className='dashboard__label'>{S.community}</View>
      <Chips name='community' scroll options={dashboard.communities.map((c) => ({ value: c.id, label: c.name }))} selected={dashboard.communityId ? [dashboard.communityId] : []} onTap={(v) => void dashboard.setCommunity(v)} />
    </View>
  )
})

/**
 * The community's figures for staff: received, 办结率, 满意率, speed, overdue, escalated, 30 days;
 * a street officer picks one of the street's communities first.
 */
function DashboardPage() {
  const { session, dashboard } = useStores()
  const staff = session.hasRole('staff')
  const street = !staff && session.hasRole('street_staff')
  const allowed = staff || street
  const signedIn = session.status === 'signed_in'
  const load = async () => {
    if (street && !dashboard.communitiesLoaded) await dashboard.loadCommunities()
    if (street && !dashboard.communityId) return
    await dashboard.load()
  }
  useDidShow(() => {
    if (signedIn && allowed) void load()
  })
  useEffect(() => {
    if (signedIn && allowed) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed])
  usePullDownRefresh(async () => {
    if (allowed) await load()
    Taro.stopPullDownRefresh()
  })

  if (signedIn && !allowed) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{S.staffOnly}</View>
      </Screen>
    )
  }
  if (!dashboard.available) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{S.notAvailable}</View>
      </Screen>
    )
  }

  const stats = dashboard.stats
  const hours = (h: number | null) => (h === null ? S.noData : S.hours(h))
  const daily = stats?.daily ?? []
  const last = daily.length - 1
  return (
    <Screen requireSignIn className='dashboard'>
      {street && <CommunityPicker />}
      <Chips name='range' options={S.ranges} selected={[String(dashboard.days)]} onTap={(v) => void dashboard.setDays(Number(v) as DashboardRange)} />
      {dashboard.error && (
        <View className='card field-error dashboard__error' onClick={() => void dashboard.load()}>
          {dashboard.error}
        </View>
      )}
      {!stats && !dashboard.error && !(street && dashboard.communitiesLoaded && !dashboard.communityId) && <View className='card muted dashboard__loading'>{S.loading}</View>}
      {stats && (
        <View className={dashboard.loading ? 'dashboard__body dashboard__body--loading' : 'dashboard__body'}>
          <View className='dashboard__tiles'>
            <StatTile name='received' label={S.received} value={String(stats.received)} />
            <StatTile
              name='completion'
              label={S.completionRate}
              value={stats.completionBase > 0 ? S.percent(stats.completionRate) : S.noData}
              hint={S.completionBase(stats.completionBase)}
              tone={stats.completionBase > 0 && stats.completionRate >= 0.9 ? 'good' : 'plain'}
            />
            <StatTile
              name='satisfaction'
              label={S.satisfactionRate}
              value={stats.rated > 0 ? S.percent(stats.satisfactionRate) : S.noData}
              hint={S.rated(stats.rated, stats.ratedUnsatisfied)}
              tone={stats.rated > 0 && stats.satisfactionRate >= 0.9 ? 'good' : 'plain'}
            />
            <StatTile name='overdue' label={S.overdue} value={String(stats.overdue)} tone={stats.overdue > 0 ? 'bad' : 'good'} />
            <StatTile name='accept' label={S.toAccept} value={hours(stats.medianHoursToAccept)} />
            <StatTile name='resolve' label={S.toResolve} value={hours(stats.medianHoursToResolve)} />
            <StatTile name='escalated' label={S.escalatedCount} value={String(stats.escalated)} tone={stats.escalated > 0 ? 'bad' : 'plain'} />
          </View>

          <View className='card'>
            <View className='section-title'>{S.byStatus}</View>
            <View className='dashboard__statuses'>
              {REPORT_STATUSES.map((s) => (
                <View key={s} className='dashboard__status row' data-status={s}>
                  <StatusBadge status={s} label={s === 'closed' ? S.closedBucket : undefined} />
                  <View className='grow' />
                  <View className='dashboard__status-count'>{stats.byStatus[s] ?? 0}</View>
                </View>
              ))}
            </View>
          </View>

          <View className='card'>
            <View className='section-title'>{S.chart}</View>
            <BarChart
              bars={daily.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.received, inner: d.resolved }))}
              labelAt={[0, Math.floor(last / 2), last]}
              legend={{ value: S.chartReceived, inner: S.chartResolved }}
              summary={S.chartSummary(
                daily.reduce((n, d) => n + d.received, 0),
                daily.reduce((n, d) => n + d.resolved, 0),
              )}
            />
          </View>
        </View>
      )}
    </Screen>
  )
}

export default observer(DashboardPage)
