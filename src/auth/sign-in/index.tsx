import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ROLE_LABEL } from '../../domain/labels'
import { replace, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import './index.css'

/** Sign-in: on a demo backend, pick one of the demo community's accounts. */
function SignInPage() {
  const { session } = useStores()
  useLoad(() => {
    void session.loadDemoAccounts()
  })

  const choose = async (userId: string, name: string) => {
    if (await session.signInDemo(userId)) {
      toast(`已登录：${name}`, 'success')
      replace(ROUTES.home)
    } else {
      toast(session.error ?? '登录失败，请重试')
    }
  }

  const weChat = async () => {
    try {
      const { code } = await Taro.login()
      if (await session.signInWithWeChat(code)) {
        toast('登录成功', 'success')
        replace(ROUTES.home)
      } else toast(session.error ?? '登录失败，请重试')
    } catch {
      toast('微信登录失败，请重试')
    }
  }

  const weChatAvailable = session.canUseWeChatSignIn && process.env.TARO_ENV === 'weapp'
  return (
    <Screen className='sign-in'>
      {weChatAvailable && (
        <Button className='sign-in__wechat' type='primary' block size='xlarge' loading={session.busy} onClick={() => void weChat()}>
          微信一键登录
        </Button>
      )}
      {session.demoAccounts.length > 0 && <View className='section-title'>选择演示账号</View>}
      {session.demoAccounts.length > 0 && (
        <View className='muted sign-in__intro'>这是演示社区“映月社区”。请选择一个身份体验：</View>
      )}
      {session.error && <View className='field-error'>{session.error}</View>}
      {session.demoAccounts.map((a) => (
        <View
          key={a.userId}
          className='card sign-in__account tap-target'
          data-user={a.userId}
          aria-role='button'
          onClick={() => void choose(a.userId, a.name)}
        >
          <View className='row'>
            <View className='sign-in__name grow'>{a.name}</View>
            <View className='sign-in__roles'>{a.roles.map((r) => ROLE_LABEL[r]).join(' · ')}</View>
          </View>
          <View className='muted'>{a.description}</View>
        </View>
      ))}
    </Screen>
  )
}

export default observer(SignInPage)
