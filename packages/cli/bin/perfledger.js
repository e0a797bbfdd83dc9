#!/usr/bin/env node
// The installed entry point; the compiled program lives in dist/.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
