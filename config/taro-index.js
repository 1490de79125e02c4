// @tarojs/taro's own index (node_modules/@tarojs/taro/index.js), for the weapp build: the same two
// steps, but `hooks` is read from @tarojs/shared (which @tarojs/runtime re-exports it from: the same
// object) instead of `require('@tarojs/runtime')`. A CommonJS require of an ES module makes webpack
// keep every export of it, so that one line kept all of Taro's runtime that nothing else imports —
// the HTML parser of `innerHTML` among it — in taro.js (ADR 37, fourth step). @tarojs/api imports
// @tarojs/runtime itself, so the runtime still runs before the API object is made.
// `require(…).name`, not destructuring: webpack then counts only that export as used.
const hooks = require('@tarojs/shared').hooks
const taro = require('@tarojs/api').default

if (hooks.isExist('initNativeApi')) {
  hooks.call('initNativeApi', taro)
}

module.exports = taro
module.exports.default = module.exports
