#!/usr/bin/env node
// hutong runs its TypeScript sources directly through tsx: no build step between a clone and a start.
import { register as registerHooks } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// tsx compiles with esbuild, in a process that would stay beside hutong for as long as it runs
// (a compile happens whenever a file is not in tsx's cache yet, as on the first start after a
// clone). Once the app's modules are loaded nothing is left to compile, so it is stopped; a later
// compile would simply start it again.
const { port1, port2 } = new MessageChannel();
registerHooks('./stop-compiler.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
await import('../src/app/cli.ts');
port1.postMessage('stop');
port1.unref();
