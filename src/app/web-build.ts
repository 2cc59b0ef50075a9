import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './run-child';
import { webDistDir } from './hutong';

const viteConfig = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));
const viteBin = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');

/**
 * Builds the web app with Vite (a few seconds) into `outDir` (web/dist by default), unless a build
 * is already there; `force` rebuilds. Tests build into a directory of their own run.
 *
 * The build runs in a child process: a bundler's heap (≈ 0.8 GB) and its helper processes end
 * with it, instead of staying in the server that starts right after.
 */
export async function buildWeb({ force = false, outDir = webDistDir } = {}): Promise<'built' | 'present'> {
  if (!force && existsSync(join(outDir, 'index.html'))) return 'present';
  await runChild([viteBin, 'build', '--config', viteConfig, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], 'inherit');
  return 'built';
}
