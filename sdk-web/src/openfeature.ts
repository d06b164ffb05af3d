// @flagstaff/sdk-web/openfeature: the provider for @openfeature/web-sdk, an entry of its own so
// that pages using the plain SDK do not carry it.
export { FlagstaffWebProvider } from './flagstaff-web-provider.js';
