#!/usr/bin/env node
// Thin launcher so `npx sluice` works in a checkout: the CLI itself is compiled TypeScript.
import '../dist/engine/cli.js';
