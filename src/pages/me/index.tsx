import { Button, Switch } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { HouseholdMember } from '../../../types/domain'
import type { RootStore } from '../../stores/root-store'
import { ROLE_LABEL } from '../../domain/labels'
import { confirm, go, replaceWithToast, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { CommunityPrompt, MembershipBanner } from '../../ui/membership-banner'
import { Screen } from '../../ui/screen'
import { useUnreadBadge } from '../../ui/tab-badge'
import { WorkspaceEntry } from '../../ui/workspace-entry'
import { ME as T } from './texts'
import './index.css'

/** What the app is connected to, said in one line on 我的. */
const BACKEND_NOTE: Record<RootStore['backendMode'], (name: string) => string> = {
  memory: () => '当前使用演示后端：数据只保存在这台设备上。',
  http: () => '已连接社区服务器。',
  open311: (name) => `诉求提交至${name || '城市服务平台'}，由其工作人员办理；您提交过的诉求保存在这台手机上，可随时查看进度。`,
}

function MePage() {
  const { session, ui, directory, membership, backendMode } = useStores()
  const user = session.user
  useUnreadBadge()

  const userId = user?.id
  const communityId = user?.communityId
  useEffect(() => {
    if (userId && membership.available) void membership.loadProfile()
  }, [userId, communityId])
  useDidShow(() => {
    if (session.user && membership.available) void membership.loadProfile()
  })

  const profile = membership.profile
  const household = membership.household
  const me = household?.members.find((m) => m.userId === user?.id)
  const communityName = profile?.community?.name ?? directory.directory?.community.name
  const fallbackHome = user?.home && directory.directory?.buildings.find((b) => b.id === user.home!.buildingId)

  const makeRepresentative = async (member: HouseholdMember) => {
    if (!(await confirm(T.representativeAsk(member.name)))) return
    const outcome = await membership.setRepresentative(member.userId)
    toast(outcome.ok ? T.representativeDone(member.name) : outcome.message, outcome.ok ? 'success' : 'none')
  }

  const leave = async () => {
    if (!household) return
    if (!(await confirm(T.leaveAsk(`${household.buildingName}${household.room}`)))) return
    const outcome = await membership.leave()
    if (!outcome.ok) {
      toast(outcome.message)
      return
    }
    await session.refresh()
    toast(T.left, 'success')
  }

  const deleteAccount = async () => {
    if (!(await confirm(T.deleteAsk))) return
    if (!(await confirm(T.deleteAskAgain))) return
    const outcome = await membership.deleteAccount()
    if (!outcome.ok) {
      toast(outcome.message)
      return
    }
    // The account and its sessions are gone on the backend: forget them here too.
    session.expire()
    replaceWithToast(ROUTES.signIn, T.deleted, 'success')
  }

  return (
    <Screen className='me'>
      {user ? (
        <View className='card me__card'>
          <View className='me__name'>{user.name}</View>
          <View className='muted'>{user.roles.map((r) => ROLE_LABEL[r]).join(' · ')}</View>
          <View className='muted me__phone'>
            {T.phone} {user.phoneMasked || T.noPhone}
          </View>
          {communityName && !session.needsCommunity && (
            <View className='muted me__community'>
              {T.community} {communityName}
            </View>
          )}
          {household ? (
            <View className='muted me__home'>
              {T.home} {household.buildingName}
              {household.room}
            </View>
          ) : (
            fallbackHome && (
              <View className='muted me__home'>
                {T.home} {fallbackHome.name}
                {user.home!.room}
              </View>
            )
          )}
        </View>
      ) : (
        <View className='card'>
          <View className='section-title'>未登录</View>
          <Button aria-role='button' type='primary' block onClick={() => go(ROUTES.signIn)}>
            登录
          </Button>
        </View>
      )}

      <CommunityPrompt className='me__choose' />
      <MembershipBanner />

      {user && household && user.home && (
        <View className='card me__household'>
          <View className='section-title'>
            {T.household} · {household.buildingName}
            {household.room}
          </View>
          {household.members.map((m) => (
            <View key={m.userId} className='row me__member' data-user={m.userId}>
              <View className='grow'>
                <View className='me__member-name'>
                  {m.name}
                  {m.userId === user.id && <View className='me__tag me__tag--self'>{T.self}</View>}
                  {m.representative && <View className='me__tag me__rep'>{T.representative}</View>}
                </View>
                <View className='muted'>{m.phoneMasked}</View>
              </View>
              {me && !m.representative && (
                <Button aria-role='button' className='me__make-rep' size='small' fill='outline' disabled={membership.settingRepresentative} onClick={() => void makeRepresentative(m)}>
                  {T.makeRepresentative}
                </Button>
              )}
            </View>
          ))}
          <View className='muted me__rep-hint'>{T.representativeHint}</View>
          <Button aria-role='button' className='me__leave' block fill='outline' loading={membership.leaving} onClick={() => void leave()}>
            {T.leave}
          </Button>
        </View>
      )}

      <WorkspaceEntry />

      {user && membership.available && (
        <View className='card me__links'>
          <View className='row me__link tap-target' aria-role='button' onClick={() => go(ROUTES.myData)}>
            <View className='grow'>
              <View className='me__link-title'>{T.myData}</View>
              <View className='muted'>{T.myDataHint}</View>
            </View>
            <View className='me__arrow'>›</View>
          </View>
          <View className='row me__link me__invite tap-target' aria-role='button' onClick={() => go(ROUTES.redeemInvite())}>
            <View className='grow'>
              <View className='me__link-title'>{T.invite}</View>
              <View className='muted'>{T.inviteHint}</View>
            </View>
            <View className='me__arrow'>›</View>
          </View>
        </View>
      )}

      {/* The whole row is the switch's label: tapping it toggles (the switch itself only shows it). */}
      <View className='card row me__elder tap-target switch-row' data-tap-area onClick={() => ui.setElderMode(!ui.elderMode)}>
        <View className='grow'>
          <View>长辈模式</View>
          <View className='muted'>字更大，按钮更大，更容易点</View>
          {ui.elderModeAutomatic && <View className='muted me__elder-auto'>已按系统大字体自动开启</View>}
        </View>
        {/* loadingIcon={null}: NutUI's spinner otherwise sticks on weapp and swallows the next tap. */}
        <Switch checked={ui.elderMode} loadingIcon={null} ariaLabel='长辈模式' />
      </View>

      <View className='card me__links'>
        <View className='row me__link me__privacy tap-target' aria-role='button' onClick={() => go(ROUTES.privacy)}>
          <View className='grow'>
            <View className='me__link-title'>{T.privacy}</View>
            <View className='muted'>{T.privacyHint}</View>
          </View>
          <View className='me__arrow'>›</View>
        </View>
      </View>

      <View className='card muted'>
        {BACKEND_NOTE[backendMode](directory.directory?.community.name ?? '')}
      </View>

      {user && session.canSignIn && (
        <Button aria-role='button' className='me__signout' block fill='outline' onClick={() => void session.signOut()}>
          退出登录
        </Button>
      )}

      {user && membership.available && (
        <View className='me__delete tap-target' aria-role='button' onClick={() => void deleteAccount()}>
          {T.delete}
        </View>
      )}
    </Screen>
  )
}

export default observer(MePage)
