// sdk-web's lazy part for snapshots the server did not mark `validated` (bootstrap JSON of unknown
// origin, an older server): importing this module registers sdk-core's validator with `compile`,
// as `@flagstaff/sdk-core` does when it loads. See compile.ts `useValidator`.
import { useValidator } from './compile.js';
import { snapshotValidator } from './validate.js';

useValidator(snapshotValidator);
