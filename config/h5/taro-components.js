// Stands in for `@tarojs/components` on H5 production builds: config/h5/taro-components-loader.js
// writes what this module exports (one module per component; ADR 36).
