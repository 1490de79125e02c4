import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'
import './membership-banner.css'

/** The words of belonging that 首页 and 我的 both show. */
export const MEMBERSHIP_TEXTS = {
  chooseTitle: '请先选择您所在的社区',
  chooseHint: '选好社区后，就能向社区反映问题、看社区通知。',
  choose: '去选择社区',
  unverified: '认证住户后可收到楼栋通知、参与投票',
  unverifiedAction: '去认证',
  pending: '住户认证审核中',
  pendingHint: (place: string) => `${place} · 等待社区或楼栋长审核`,
  rejected: (reason: string) => `认证未通过：${reason}`,
  rejectedAction: '重新申请',
} as const
const M = MEMBERSHIP_TEXTS

/** Signed in, in no community yet: a clear card that sends the person to 选择社区. */
export const CommunityPrompt = observer(function CommunityPrompt({ className = '' }: { className?: string }) {
  const { session } = useStores()
  if (!session.needsCommunity) return null
  return (
    <View className={`card community-prompt ${className}`}>
      <View className='community-prompt__title'>{M.chooseTitle}</View>
      <View className='muted'>{M.chooseHint}</View>
      <Button aria-role='button' className='community-prompt__go' type='primary' block size='large' onClick={() => go(ROUTES.chooseCommunity())}>
        {M.choose}
      </Button>
    </View>
  )
})

/**
 * Where the person's household claim stands: not claimed (去认证), waiting for review, or rejected
 * with its reason (重新申请). Nothing for a verified resident, for staff and workers without a home,
 * and for a person in no community (CommunityPrompt says that).
 */
export const MembershipBanner = observer(function MembershipBanner() {
  const { session, membership } = useStores()
  const user = session.user
  const asks = Boolean(user && user.communityId && !user.home && user.roles.every((r) => r === 'resident') && membership.available)
  useEffect(() => {
    if (asks && membership.home === null) void membership.loadHome()
  }, [asks, user?.id, user?.communityId])
  if (!asks || membership.home === null) return null
  const stage = membership.stageOf(user)
  const open = () => go(ROUTES.claimHousehold)
  if (stage.kind === 'unverified') {
    return (
      <View className='card row membership-banner membership-banner--unverified tap-target' data-stage='unverified' aria-role='button' onClick={open}>
        <View className='grow membership-banner__text'>{M.unverified}</View>
        <View className='membership-banner__action'>{M.unverifiedAction} ›</View>
      </View>
    )
  }
  if (stage.kind === 'pending') {
    return (
      <View className='card row membership-banner membership-banner--pending tap-target' data-stage='pending' aria-role='button' onClick={open}>
        <View className='grow'>
          <View className='membership-banner__text'>{M.pending}</View>
          <View className='muted'>{M.pendingHint(`${stage.claim.buildingName}${stage.claim.room}`)}</View>
        </View>
        <View className='membership-banner__action'>›</View>
      </View>
    )
  }
  if (stage.kind === 'rejected') {
    return (
      <View className='card row membership-banner membership-banner--rejected tap-target' data-stage='rejected' aria-role='button' onClick={open}>
        <View className='grow membership-banner__text'>{M.rejected(stage.claim.reason ?? '')}</View>
        <View className='membership-banner__action'>{M.rejectedAction} ›</View>
      </View>
    )
  }
  return null
})
