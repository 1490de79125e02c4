/**
 * The adapters' error type is the core's (one type for every backend and the server); the app
 * imports it from here.
 */
export { ApiError, isApiError, messageOf, validationError, type ApiErrorKind } from '../core/errors'
