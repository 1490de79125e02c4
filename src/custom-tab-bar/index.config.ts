// WeChat's custom tab bar (app.config.ts: tabBar.custom on weapp) is a component.
export default {
  component: true,
}
