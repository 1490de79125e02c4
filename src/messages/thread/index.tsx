import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReady, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef } from 'react'
import { generalThreadId, parseThreadId } from '../../domain/messages'
import { go, ROUTES } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { THREAD } from '../../ui/texts'
import { ThreadView } from '../../ui/thread-view'
import { M } from '../texts'
import './index.css'

/** One conversation: a report's thread, my question to the community, or (for staff) a resident's. */
function ThreadPage() {
  const { params } = useRouter()
  const { messages, session } = useStores()
  const id = decodeURIComponent(params.id ?? '')
  const ref = parseThreadId(id)
  const mine = ref?.kind === 'general' && session.user && id === generalThreadId(session.user.id)
  const title = decodeURIComponent(params.title ?? '') || messages.thread(id)?.title || (mine ? M.general : M.threadPage)

  // Set when the page is on screen: a hidden page of the stack must not rename the one in front.
  const titleRef = useRef(title)
  titleRef.current = title
  useDidShow(() => void Taro.setNavigationBarTitle({ title: titleRef.current }).catch(() => undefined))
  useReady(() => void Taro.setNavigationBarTitle({ title: titleRef.current }).catch(() => undefined))
  usePullDownRefresh(async () => {
    await messages.open(id)
    Taro.stopPullDownRefresh()
  })

  if (!messages.available) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{M.notAvailable}</View>
      </Screen>
    )
  }
  const handler = session.isHandler
  const signedIn = session.status === 'signed_in'
  const reportLink = ref?.kind === 'report' && (
    <View
      className='card thread__report tap-target'
      aria-role='button'
      onClick={() => go(handler ? ROUTES.handleReport(ref.reportId) : ROUTES.reportDetail(ref.reportId))}
    >
      {M.openReport} ›
    </View>
  )
  return (
    <Screen requireSignIn className={`thread ${signedIn ? 'page--list' : ''}`}>
      {signedIn && (
        <ThreadView
          asPage
          head={reportLink}
          threadId={id}
          hint={mine ? M.generalHint : undefined}
          placeholder={handler ? THREAD.replyPlaceholder : THREAD.placeholder}
          sendLabel={handler ? THREAD.reply : THREAD.send}
        />
      )}
    </Screen>
  )
}

export default observer(ThreadPage)
