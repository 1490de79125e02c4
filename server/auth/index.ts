/** WeChat's server API as the core's ports (sign-in, mini-program codes) and the shared pieces. */
export { createWeChatAuth, toLoginError, WeChatAuthError, type WeChatAuth, type WeChatConfig, type WeChatIdentity } from './wechat'
export { createWeChatCodes, type WeChatCodesConfig } from './wechat-codes'
export { WeChatAccessToken, TOKEN_EXPIRED, type WeChatTokenConfig } from './wechat-token'
export { DEFAULT_WECHAT_API_BASE_URL, WeChatApiError, weChatUrl, type WeChatHttpOptions } from './wechat-http'
