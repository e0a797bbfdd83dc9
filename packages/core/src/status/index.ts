export {
  builtInStatusKeys,
  deliveryPlanStatusKey,
  pentanaIndicatorStatusKey,
  pentanaStatusKey,
  ragStatusKey,
} from './built-in-status-keys.js';
export { matchStatus } from './match-status.js';
export type { StatusKey } from './status-key.js';
export { defineStatusKey } from './status-key.js';
export type { StatusKeyRegistry } from './status-key-registry.js';
export { createStatusKeyRegistry } from './status-key-registry.js';
export { STATUS_MEANINGS, type StatusMeaning, statusMeaning, valuesMeaning } from './status-meaning.js';
