import { Empty } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'

/** Notices and message threads. Shown when the backend offers them (capabilities). */
function MessagesPage() {
  const { api } = useStores()
  const { notices, messages } = api.capabilities
  return (
    <Screen requireSignIn>
      <View className='section-title'>通知与留言</View>
      {!notices && !messages && (
        <Empty
          title='暂无消息'
          description='社区通知、楼栋广播和留言回复会显示在这里。诉求的办理进度请在“办事”中查看。'
        />
      )}
    </Screen>
  )
}

export default observer(MessagesPage)
