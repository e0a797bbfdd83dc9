/** The version printed by `perfledger --version` and recorded as the report generator. */
export const CLI_VERSION = '0.1.0';
