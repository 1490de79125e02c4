import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { ROLE_LABEL } from '../../domain/labels'
import { canGetWeChatCode, takeWebAuthorizationCode, weChatLoginCode, type WeChatLoginCode } from '../../platform/wechat-login'
import { go, replace, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import './index.css'

/**
 * Sign-in: on a demo backend, pick one of the demo community's accounts; with a server that offers
 * WeChat sign-in, 微信一键登录 — in the mini-program with wx.login, in the H5 app (inside WeChat,
 * when a web app id is configured) through WeChat's web authorization, which comes back here with a
 * code that this page then finishes on load.
 */
function SignInPage() {
  const { session } = useStores()
  // A new person (in no community yet) goes on to pick theirs; everyone else to 首页.
  const landAfterSignIn = () => replace(session.needsCommunity ? ROUTES.chooseCommunity() : ROUTES.home)
  const weChatAvailable = session.canUseWeChatSignIn && canGetWeChatCode()

  const finish = async ({ code, via }: WeChatLoginCode) => {
    if (await session.signInWithWeChat(code, via)) {
      toast('登录成功', 'success')
      landAfterSignIn()
    } else toast(session.error ?? '登录失败，请重试')
  }

  useLoad(() => {
    void session.loadDemoAccounts()
    // Back from WeChat's authorize page: the code is in the address.
    if (process.env.TARO_ENV === 'h5' && weChatAvailable) {
      const pending = takeWebAuthorizationCode()
      if (pending) void finish(pending)
    }
  })

  const choose = async (userId: string, name: string) => {
    if (await session.signInDemo(userId)) {
      toast(`已登录：${name}`, 'success')
      landAfterSignIn()
    } else {
      toast(session.error ?? '登录失败，请重试')
    }
  }

  const weChat = async () => {
    let code: WeChatLoginCode | null
    try {
      code = await weChatLoginCode()
    } catch {
      toast('微信登录失败，请重试')
      return
    }
    // null: off to WeChat's authorize page (H5); this page finishes when it comes back.
    if (code) await finish(code)
  }

  return (
    <Screen className='sign-in'>
      {weChatAvailable && (
        <View className='sign-in__wechat-block'>
          <Button className='sign-in__wechat' type='primary' block size='xlarge' loading={session.busy} onClick={() => void weChat()}>
            微信一键登录
          </Button>
          {process.env.TARO_ENV === 'h5' && <View className='muted sign-in__wechat-hint'>将跳转到微信授权页面，授权后自动返回</View>}
        </View>
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
      <View className='sign-in__privacy tap-target' aria-role='button' onClick={() => go(ROUTES.privacy)}>
        登录前请阅读《邻里隐私政策》：我们保存哪些信息、保存多久
      </View>
    </Screen>
  )
}

export default observer(SignInPage)
