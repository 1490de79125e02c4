import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'
import { WORKSPACE_ENTRY as W } from './texts'
import './workspace-entry.css'

/** The hints of the people who came to 工作台 with the community's management (issue 10). */
const HINTS = {
  admin: '邀请成员、人员与角色、社区设置',
  street: '查看街道各社区的统计看板',
} as const

/** 工作台: shown only to staff, grid workers, building leaders, admins and street officers. */
export const WorkspaceEntry = observer(function WorkspaceEntry() {
  const { session } = useStores()
  const handler = session.isHandler
  const leader = session.hasRole('building_leader')
  const admin = session.hasRole('admin')
  const street = session.hasRole('street_staff')
  if (!handler && !leader && !admin && !street) return null
  const hint = handler ? W.handlerHint : leader ? W.leaderHint : admin ? HINTS.admin : HINTS.street
  // A street officer's work is the figures: straight to them.
  const url = !handler && !leader && !admin && street ? ROUTES.dashboard : ROUTES.workspace
  return (
    <View className='card row workspace-entry tap-target' aria-role='button' data-entry='workspace' onClick={() => go(url)}>
      <View className='workspace-entry__icon'>{W.icon}</View>
      <View className='grow'>
        <View className='workspace-entry__title'>{W.title}</View>
        <View className='muted'>{hint}</View>
      </View>
      <View className='workspace-entry__arrow'>›</View>
    </View>
  )
})
