import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, useRouter, useShareAppMessage } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { NoticeFlags } from '../../components/notice-row'
import { actorOf } from '../../domain/actor'
import { canSeeReceipts, isExpired } from '../../domain/notices'
import { go, ROUTES } from '../../navigation'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { N } from '../texts'
import './index.css'

/**
 * One notice. Title and body are plain text drawn by <Text>: whatever characters they hold are shown
 * as characters, never interpreted as markup. Opening it marks it read; it can be shared into a chat.
 */
function NoticeDetailPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { notices, session, directory, ui } = useStores()
  const signedIn = session.status === 'signed_in'

  useLoad(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  })
  useDidShow(() => {
    if (signedIn && id) void notices.open(id)
  })
  useEffect(() => {
    if (signedIn && id) void notices.open(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])

  const notice = notices.details.get(id) ?? notices.get(id)
  // A neighbour who opens the shared card lands here, signs in if needed, and reads the same notice.
  useShareAppMessage(() => ({ title: notice?.title ?? N.detailTitle, path: ROUTES.noticeDetail(id) }))

  const failure = notices.detailErrors.get(id)
  if (!notice) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{failure ?? N.loading}</View>
      </Screen>
    )
  }

  const now = ui.now // relative times move on while the page is open
  const user = session.user
  const buildingNames =
    notice.scope.kind === 'buildings'
      ? notice.scope.buildingIds.map((b) => directory.directory?.buildings.find((x) => x.id === b)?.name ?? b).join('、')
      : ''
  return (
    <Screen requireSignIn className='notice'>
      <View className={`card notice__card${notice.urgent ? ' notice__card--urgent' : ''}`}>
        <View className='notice__flags row'>
          <NoticeFlags notice={notice} />
        </View>
        <Text className='notice__title' userSelect selectable>
          {notice.title}
        </Text>
        <View className='muted notice__meta'>{N.from(notice.authorName, formatTime(notice.publishedAt, now))}</View>
        <View className='muted'>{notice.scope.kind === 'community' ? N.scopeCommunity : N.scopeBuildings(buildingNames)}</View>
        {notice.expiresAt && (
          <View className={isExpired(notice, now) ? 'notice__expired' : 'muted'}>
            {isExpired(notice, now) ? N.expired : N.expires(formatTime(notice.expiresAt, now))}
          </View>
        )}
        <Text className='notice__body' userSelect selectable>
          {notice.body}
        </Text>
      </View>

      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='notice__share' type='primary' block size='large' openType='share'>
          {N.share}
        </Button>
      ) : null}
      {user && canSeeReceipts(actorOf(user), notice) && (
        <Button className='notice__receipts' type='primary' fill='outline' block size='large' onClick={() => go(ROUTES.noticeReceipts(notice.id))}>
          {N.receipts}
        </Button>
      )}
    </Screen>
  )
}

export default observer(NoticeDetailPage)
