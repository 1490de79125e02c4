import { Button, Switch } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { ROLE_LABEL } from '../../domain/labels'
import { go, ROUTES } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { useUnreadBadge } from '../../ui/tab-badge'
import { WorkspaceEntry } from '../../ui/workspace-entry'
import './index.css'

function MePage() {
  const { session, ui, directory, backendMode } = useStores()
  const user = session.user
  useUnreadBadge()
  const home = user?.home && directory.directory?.buildings.find((b) => b.id === user.home!.buildingId)
  return (
    <Screen className='me'>
      {user ? (
        <View className='card me__card'>
          <View className='me__name'>{user.name}</View>
          <View className='muted'>{user.roles.map((r) => ROLE_LABEL[r]).join(' · ')}</View>
          <View className='muted'>手机 {user.phoneMasked}</View>
          {home && (
            <View className='muted'>
              住址 {home.name}
              {user.home!.room}
            </View>
          )}
        </View>
      ) : (
        <View className='card'>
          <View className='section-title'>未登录</View>
          <Button type='primary' block onClick={() => go(ROUTES.signIn)}>
            登录
          </Button>
        </View>
      )}

      <WorkspaceEntry />

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

      <View className='card muted'>
        {backendMode === 'memory' ? '当前使用演示后端：数据只保存在这台设备上。' : '已连接社区服务器。'}
      </View>

      {user && (
        <Button className='me__signout' block fill='outline' onClick={() => void session.signOut()}>
          退出登录
        </Button>
      )}
    </Screen>
  )
}

export default observer(MePage)
