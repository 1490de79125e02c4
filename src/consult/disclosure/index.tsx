// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { FinanceTable } from '../../components/finance-table'
import { PhotoGrid } from '../../components/photo-grid'
import { DISCLOSURE_CATEGORY_LABEL } from '../../domain/consultation/disclosures'
import { go, ROUTES } from '../../navigation'
import { previewPhotos } from '../../platform/media'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { C } from '../texts'
import '../consult.css'

const FINANCE_TEXTS = {
  income: C.income,
  expense: C.expense,
  totalIncome: C.totalIncome,
  totalExpense: C.totalExpense,
  openingBalance: C.openingBalance,
  closingBalance: C.closingBalance,
  yuan: C.yuan,
}

/** One disclosure: its period, text, photos of the documents, the finance table; a question is a tap away. Opening it marks it read. */
function DisclosurePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { disclosures, session, ui } = useStores()
  const signedIn = session.status === 'signed_in'
  const load = () => (signedIn && id ? disclosures.open(id) : Promise.resolve())
  useDidShow(() => void load())
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const d = disclosures.get(id)
  if (!d) {
    const failure = disclosures.detailErrors.get(id)
    return (
      <Screen requireSignIn>
        <View className='card muted' aria-role='button' onClick={() => void load()}>
          {failure ? `${failure}${C.retry}` : C.loading}
        </View>
      </Screen>
    )
  }
  const urls = d.photos.map((p) => p.url)
  return (
    <Screen requireSignIn className='consult disclosure'>
      <View className='card'>
        <View className='row disclosure__marks'>
          <Text className={`disc-cat disc-cat--${d.category}`}>{DISCLOSURE_CATEGORY_LABEL[d.category]}</Text>
          <Text className='disclosure__period'>{d.periodLabel}</Text>
        </View>
        <Text className='disclosure__title' userSelect selectable>
          {d.title}
        </Text>
        <View className='muted'>{C.publishedBy(d.publishedByName, formatTime(d.publishedAt, ui.now))}</View>
        {d.households !== undefined && d.readHouseholds !== undefined && (
          <View className='disclosure__reads' data-reads='count'>
            {C.readOf(d.readHouseholds, d.households)}
          </View>
        )}
        <Text className='disclosure__body' userSelect selectable>
          {d.body}
        </Text>
      </View>

      {d.finance && (
        <View className='card disclosure__finance'>
          <View className='section-title'>{C.financeTitle}</View>
          <FinanceTable table={d.finance} texts={FINANCE_TEXTS} />
        </View>
      )}

      {urls.length > 0 && (
        <View className='card'>
          <View className='section-title'>{C.photos}</View>
          <PhotoGrid urls={urls} onPreview={(i) => previewPhotos(urls, i)} />
        </View>
      )}

      <Button className='disclosure__ask' type='primary' block size='large' onClick={() => go(ROUTES.discussion({ kind: 'disclosure', id: d.id }, d.title))}>
        {C.questions(d.questions)}
      </Button>
    </Screen>
  )
}

export default observer(DisclosurePage)
