#!/usr/bin/env node
// hutong runs its TypeScript sources directly through tsx: no build step between a clone and a start.
import { register } from 'tsx/esm/api';

register();
await import('../src/app/cli.ts');
