import { describeEngineConformance } from '@perfledger/core/conformance';
import { sqliteEngine } from './sqlite-engine.js';

// The engine conformance suite of @perfledger/core, on SQLite files in a temp directory.
describeEngineConformance(sqliteEngine);
