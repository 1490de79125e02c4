// Unit tests run stores and adapters with no Taro runtime: the platform modules receive fakes
// (memoryStorage, fakeNetwork), so nothing here should ever be called.
const fail = (name: string) => () => {
  throw new Error(`Taro.${name} called in a unit test: pass a fake instead`)
}
const Taro = {
  getStorageSync: fail('getStorageSync'),
  setStorageSync: fail('setStorageSync'),
  removeStorageSync: fail('removeStorageSync'),
  getNetworkType: fail('getNetworkType'),
  onNetworkStatusChange: fail('onNetworkStatusChange'),
}
export default Taro
