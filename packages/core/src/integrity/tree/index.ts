export { chainRowAt, type LedgerTree, ledgerTree } from './ledger-tree.js';
