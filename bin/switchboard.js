#!/usr/bin/env node
// The installed `switchboard` command. The sources are TypeScript that Node 24 runs directly (type stripping).
import { main } from '../src/main.ts';

process.exitCode = await main(process.argv.slice(2));
