/** The CLI's exit codes: 0 success, 1 a data or rule error, 2 a usage error. */
export const ExitCode = { ok: 0, dataError: 1, usageError: 2 } as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
