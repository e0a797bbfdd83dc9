/**
 * @packageDocumentation
 * The `perfledger` command line, also callable in-process: `main(argv, io)` returns the exit code.
 */
export { ExitCode, type ExitCodeValue } from './exit-codes.js';
export { type CliIo, processIo } from './io.js';
export { main } from './main.js';
export { CLI_VERSION } from './program-version.js';
export { standardProjections } from './projections.js';
