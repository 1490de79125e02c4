import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'
import { WORKSPACE_ENTRY as W } from './texts'
import './workspace-entry.css'

/** 工作台: shown only to staff, grid workers and building leaders. */
export const WorkspaceEntry = observer(function WorkspaceEntry() {
  const { session } = useStores()
  const handler = session.isHandler
  const leader = session.hasRole('building_leader')
  if (!handler && !leader) return null
  return (
    <View className='card row workspace-entry tap-target' aria-role='button' data-entry='workspace' onClick={() => go(ROUTES.workspace)}>
      <View className='workspace-entry__icon'>{W.icon}</View>
      <View className='grow'>
        <View className='workspace-entry__title'>{W.title}</View>
        <View className='muted'>{handler ? W.handlerHint : W.leaderHint}</View>
      </View>
      <View className='workspace-entry__arrow'>›</View>
    </View>
  )
})
