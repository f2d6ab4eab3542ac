#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npm start`, `npx kbsleuth` and the tests share one source tree.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
