/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
    /** Which ApiClient adapter the app uses: memory | http (read in src/env.ts only). */
    TARO_APP_API_MODE?: string
    TARO_APP_API_BASE_URL?: string
    /** WeChat subscribe-message template for report status changes (read in src/platform/subscribe.ts only). */
    TARO_APP_SUBSCRIBE_TEMPLATE_ID?: string
  }
}

/** Hand-written native WeChat components used from JSX on weapp (see src/components/native/). */
declare namespace JSX {
  interface IntrinsicElements {
    'status-timeline': {
      events: unknown[]
      elder?: boolean
      onEventtap?: (event: { detail: { id: string } }) => void
      onPhototap?: (event: { detail: { id: string; url: string } }) => void
    }
  }
}
