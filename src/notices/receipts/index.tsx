import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { ReceiptsSummary } from '../../components/receipts-summary'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { N } from '../texts'

/** For the sender: how many households have read the notice, and which doors to knock on. */
function ReceiptsPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { notices, session } = useStores()
  const signedIn = session.status === 'signed_in'
  useDidShow(() => {
    if (signedIn && id) void notices.loadReceipts(id)
  })
  useEffect(() => {
    if (signedIn && id) void notices.loadReceipts(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await notices.loadReceipts(id)
    Taro.stopPullDownRefresh()
  })

  const receipts = notices.receipts.get(id)
  const notice = notices.get(id)
  const failure = notices.receiptErrors.get(id)
  if (!receipts) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{failure ?? N.loading}</View>
      </Screen>
    )
  }
  // Grouped by building, in the order the backend gives (by building, then room).
  const groups: Array<{ building: string; rooms: string[] }> = []
  for (const h of receipts.unreadHouseholds) {
    const last = groups[groups.length - 1]
    if (last && last.building === h.buildingName) last.rooms.push(h.room)
    else groups.push({ building: h.buildingName, rooms: [h.room] })
  }
  return (
    <Screen requireSignIn className='receipts-page'>
      {notice && <View className='section-title'>{notice.title}</View>}
      <ReceiptsSummary
        read={receipts.read}
        households={receipts.households}
        unread={groups}
        texts={{ readOf: N.readOf, allRead: N.allRead, unreadTitle: N.unreadTitle, noHouseholds: N.noHouseholds }}
      />
    </Screen>
  )
}

export default observer(ReceiptsPage)
