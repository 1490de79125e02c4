import { Button } from '@nutui/nutui-react-taro'
import { View, Text } from '@tarojs/components'
import { useEffect } from 'react'
import { useDidShow, useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { parseScene } from '../../domain/scene'
import { go, ROUTES } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { useUnreadBadge } from '../../ui/tab-badge'
import { CommunityPrompt, MembershipBanner } from '../../ui/membership-banner'
import { WorkspaceEntry } from '../../ui/workspace-entry'
import { SignedInHome } from './signed-in-part'
import './index.css'

function HomePage() {
  const { session, directory, myReports, membership, consultation, notices, myBookings } = useStores()
  const router = useRouter()
  // Opened from a mini-program code: its scene says what for (i=<invite>, c=<community>).
  useLoad(() => {
    const target = parseScene(router.params.scene)
    if (target?.kind === 'invite') go(ROUTES.redeemInvite(target.code))
    else if (target?.kind === 'community') go(ROUTES.chooseCommunity(target.code))
  })
  useDidShow(() => {
    if (session.status !== 'signed_in' || session.needsCommunity) return
    void myReports.load()
    // The front door shows what waits now: votes, conventions, proposals, the latest notices.
    void consultation.refresh()
    void notices.refresh()
    void myBookings.load()
    // A claim may have been decided since: the banner follows.
    const user = session.user
    if (user && !user.home && membership.available) {
      void session.refresh()
      void membership.loadHome()
    }
  })
  // Signed in (or the session restored) while 首页 was already open: the front door fills in.
  const ready = session.status === 'signed_in' && !session.needsCommunity ? session.user?.id : undefined
  useEffect(() => {
    if (!ready) return
    void consultation.refresh()
    void notices.refresh()
    void myBookings.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready])
  useUnreadBadge()
  const user = session.user
  return (
    <Screen className='home'>
      <View className='home__hero'>
        <View className='home__community'>{directory.directory?.community.name ?? '邻里 · 社区一站通'}</View>
        <View className='home__greeting'>{user ? `${user.name}，您好` : '有事找社区，随手拍一拍'}</View>
      </View>

      <CommunityPrompt className='home__choose' />
      <MembershipBanner />

      {!session.needsCommunity && (
        <View className='card home__actions'>
          <Button className='home__report tap-target' type='primary' block size='xlarge' onClick={() => go(session.user ? ROUTES.newReport : ROUTES.signIn)}>
            我要反映问题（随手拍）
          </Button>
          <View className='home__hint muted'>路灯坏了、楼道漏水、垃圾堆放……拍张照片告诉社区，办理进度随时可查。</View>
          <View className='row home__links'>
            <View className='home__link tap-target' onClick={() => go(ROUTES.tasks)}>
              我的诉求
            </View>
            <View className='home__link tap-target' onClick={() => go(ROUTES.me)}>
              长辈模式
            </View>
          </View>
        </View>
      )}

      <WorkspaceEntry />

      {user && !session.needsCommunity ? (
        <SignedInHome />
      ) : (
        session.status === 'signed_out' && (
          <View className='card'>
            <Text>登录后可以反映问题、查看办理进度、评价办理结果。</Text>
            <Button className='home__signin' type='primary' fill='outline' block onClick={() => go(ROUTES.signIn)}>
              登录
            </Button>
          </View>
        )
      )}
    </Screen>
  )
}

export default observer(HomePage)
