export { createOpen311Client, OPEN311_COMMUNITY_ID, type Open311ClientOptions } from './client'
