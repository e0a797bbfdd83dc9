export { checkOutputFile, type OutputFileOptions, refuseLedgerFile } from './check-output-file.js';
export { fileKind } from './file-kind.js';
export {
  canonicalPath,
  findLedgerFile,
  isPerfledgerDatabase,
  LEDGER_FILE_SUFFIXES,
} from './ledger-file-match.js';
export { OutputFileError, type OutputFileErrorCode } from './output-file-error.js';
export { type WriteOutputFileOptions, writeOutputFile } from './write-output-file.js';
