/** Signing in and out, and the session the server knows the token by. */
import type { DemoSignInBody, WeChatSignInBody } from '../contract-types'
import { DELETE, GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const session = {
  /** A server outside demo mode has no demo accounts and answers 404. */
  demoAccounts: GET('/session/demo-accounts').public().returns(shape.demoAccounts),
  signInDemo: POST('/session/demo').public().body<DemoSignInBody>().returns(shape.session),
  /** A `wx.login` code; the server exchanges it with WeChat. */
  signInWeChat: POST('/session/wechat').public().body<WeChatSignInBody>().returns(shape.session),
  current: GET('/session').returns(shape.session),
  signOut: DELETE('/session').returns(shape.nothing),
}
