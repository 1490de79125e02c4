import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { PropsWithChildren, ReactNode } from 'react'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'
import { PrivacyPrompt } from './privacy-prompt'

/** The frame of every screen: elder mode, (optionally) a sign-in gate, and WeChat's privacy dialog when it asks. */
export const Screen = observer(function Screen({
  children,
  requireSignIn = false,
  className = '',
  signInHint = '登录后可以反映问题、查看办理进度。',
  privacyPrompt = true,
}: PropsWithChildren<{
  requireSignIn?: boolean
  className?: string
  /** What signing in opens on this screen. */
  signInHint?: string
  /** Draw the privacy dialog when WeChat asks (not on the privacy policy page the dialog links to). */
  privacyPrompt?: boolean
}>) {
  const { ui, session } = useStores()
  let body: ReactNode = children
  if (requireSignIn && session.status === 'unknown') {
    body = <View className='muted screen-loading'>正在加载…</View>
  } else if (requireSignIn && session.status === 'signed_out') {
    body = (
      <View className='card screen-signin'>
        <View className='section-title'>请先登录</View>
        <View className='muted screen-signin__hint'>{signInHint}</View>
        <Button className='screen-signin__btn' type='primary' block size='large' onClick={() => go(ROUTES.signIn)}>
          登录
        </Button>
      </View>
    )
  }
  return (
    <View className={`page ${ui.elderMode ? 'elder' : ''} ${className}`}>
      {body}
      {privacyPrompt && <PrivacyPrompt />}
    </View>
  )
})
