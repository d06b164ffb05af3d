// The server's own structured diff (a pure file without imports), so what the console shows
// before a save is what the audit log records after it. Read from the server's source rather
// than copied, so the two cannot drift.
export { diffJson, type JsonChange } from '../../../server/src/revisions/json-diff.js';
