export {
  type ErasePersonalDataRequest,
  type ErasureContext,
  type ErasureResult,
  erasePersonalData,
  PERSONAL_DATA_STREAM,
} from './erase-personal-data.js';
export { personalDataFields, personalFieldsOf } from './personal-data-fields.js';
export {
  PERSONAL_DATA_FORMAT_KEY,
  type PersonalDataFormat,
  personalDataFormatOf,
} from './personal-data-format.js';
export {
  type PersonalDataProblem,
  PersonalDataTracker,
  type RowWithPersonal,
} from './personal-data-tracker.js';
export {
  erasedText,
  groupPersonalRows,
  markerDigest,
  mayHoldPersonalData,
  newSalt,
  PERSONAL_MARKER_KEY,
  type PersonalErasure,
  type PersonalLookup,
  type PersonalRecordRow,
  type PersonalRecords,
  type PersonalText,
  personalDigest,
} from './personal-marker.js';
export {
  isEmptyWrites,
  type PersonalWrites,
  personalWrites,
  type RowForPersonalWrites,
} from './personal-writes.js';
export { personalDataError, restorePersonalData } from './restore-personal-data.js';
export { givenMarkers, type SealedData, sealPersonalData } from './seal-personal-data.js';
