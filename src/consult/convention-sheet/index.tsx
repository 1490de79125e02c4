// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { AcknowledgementSheet } from '../../../types/domain'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { C } from '../texts'
import '../consult.css'

type Row = AcknowledgementSheet['rows'][number]

/** Rows grouped by building, in the order the backend gives them. */
function byBuilding(rows: Row[]): Array<{ buildingId: string; name: string; rows: Row[] }> {
  const groups: Array<{ buildingId: string; name: string; rows: Row[] }> = []
  for (const r of rows) {
    const last = groups[groups.length - 1]
    if (last && last.buildingId === r.buildingId) last.rows.push(r)
    else {
      const earlier = groups.find((g) => g.buildingId === r.buildingId)
      if (earlier) earlier.rows.push(r)
      else groups.push({ buildingId: r.buildingId, name: r.buildingName, rows: [r] })
    }
  }
  return groups
}

/** 各户承诺情况: which doors to knock on (households that have not acknowledged, by building), then those that have. */
function ConventionSheetPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { conventions, session, ui } = useStores()
  const signedIn = session.status === 'signed_in'
  const load = async () => {
    if (!signedIn || !id) return
    await Promise.all([conventions.loadSheet(id), conventions.get(id) ? Promise.resolve() : conventions.open(id)])
  }
  useDidShow(() => void load())
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const sheet = conventions.sheets.get(id)
  if (!sheet) {
    const failure = conventions.sheetErrors.get(id)
    return (
      <Screen requireSignIn>
        <View className='card muted' aria-role='button' onClick={() => void load()}>
          {failure ? `${failure}${C.retry}` : C.loading}
        </View>
      </Screen>
    )
  }
  const share = sheet.households > 0 ? Math.round((sheet.acknowledged / sheet.households) * 100) : 0
  const waiting = byBuilding(sheet.rows.filter((r) => !r.acknowledged))
  const done = byBuilding(sheet.rows.filter((r) => r.acknowledged))
  const title = conventions.get(id)?.title
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <View className='card sheet__head'>
          {title && <Text className='convention__title'>{title}</Text>}
          <View className='sheet__count' data-sheet='count'>
            {C.sheetOf(sheet.acknowledged, sheet.households)}
          </View>
          <View className='sheet__bar'>
            <View className='sheet__fill' style={{ width: `${share}%` }} />
          </View>
          <View className='muted'>{C.sheetVersion(sheet.version)}</View>
          {sheet.households === 0 && <View className='muted'>{C.sheetNoHouseholds}</View>}
          {sheet.households > 0 && sheet.acknowledged === sheet.households && <View className='sheet__all'>{C.sheetAllDone}</View>}
        </View>
      ),
    },
  ]
  if (waiting.length) entries.push({ key: 'waiting', render: () => <View className='section-title sheet__section'>{C.sheetNotYet}</View> })
  for (const g of waiting) {
    entries.push({
      key: `w:${g.buildingId}`,
      section: 'waiting',
      render: () => (
        <View className='card sheet__building' data-building={g.name}>
          <View className='sheet__building-name'>{C.sheetBuilding(g.name, g.rows.length)}</View>
          <View className='sheet__rooms'>
            {g.rows.map((r) => (
              <Text key={r.room} className='sheet__room sheet__room--waiting'>
                {r.room}
              </Text>
            ))}
          </View>
        </View>
      ),
    })
  }
  if (done.length) entries.push({ key: 'done', render: () => <View className='section-title sheet__section'>{C.sheetDone}</View> })
  for (const g of done) {
    entries.push({
      key: `d:${g.buildingId}`,
      section: 'done',
      render: () => (
        <View className='card sheet__building' data-building={g.name}>
          <View className='sheet__building-name'>{C.sheetBuilding(g.name, g.rows.length)}</View>
          {g.rows.map((r) => (
            <View key={r.room} className='row sheet__done'>
              <Text className='sheet__room sheet__room--done'>{r.room}</Text>
              <Text className='muted grow'>{r.byName && r.at ? C.sheetBy(r.byName, formatTime(r.at, ui.now)) : ''}</Text>
            </View>
          ))}
        </View>
      ),
    })
  }
  return (
    <Screen requireSignIn className='consult sheet page--list'>
      <VirtualPage entries={entries} estimatedHeight={180} onRefresh={load} />
    </Screen>
  )
}

export default observer(ConventionSheetPage)
