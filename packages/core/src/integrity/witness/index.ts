export {
  type ConsistencyRequest,
  formatConsistencyRequest,
  MAX_CONSISTENCY_LINES,
  parseConsistencyRequest,
} from './consistency-file.js';
export { consistencyRequestFor } from './consistency-for.js';
export {
  defaultWitnessName,
  type WitnessCosignInput,
  type WitnessCosignResult,
  witnessCosign,
} from './witness-cosign.js';
export {
  readWitnessState,
  WITNESS_STATE_FILE,
  WITNESS_STATE_FORMAT,
  type WitnessState,
  witnessStateSchema,
  writeWitnessState,
} from './witness-state.js';
