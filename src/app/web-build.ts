import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './run-child';
import { webDistDir } from './hutong';

const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
const viteConfig = join(webRoot, 'vite.config.ts');
const viteBin = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');

/** The newest change to what the web build is made of: web/src, web/index.html and the Vite config. */
function newestSource(): number {
  const files = [join(webRoot, 'index.html'), viteConfig, ...readdirSync(join(webRoot, 'src'), { recursive: true }).map((f) => join(webRoot, 'src', String(f)))];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** A build is in `outDir`, made after the last change to its sources. */
export function webBuildIsCurrent(outDir: string): boolean {
  const index = join(outDir, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource();
}

/**
 * Builds the web app with Vite (a few seconds) into `outDir` (web/dist by default), unless a build
 * newer than its sources is already there (a checkout updated by `git pull` rebuilds); `force`
 * rebuilds. Tests build into a directory of their own run.
 *
 * The build runs in a child process: a bundler's heap (≈ 0.8 GB) and its helper processes end
 * with it, instead of staying in the server that starts right after.
 */
export async function buildWeb({ force = false, outDir = webDistDir } = {}): Promise<'built' | 'rebuilt' | 'present'> {
  if (!force && webBuildIsCurrent(outDir)) return 'present';
  const present = existsSync(join(outDir, 'index.html'));
  await runChild([viteBin, 'build', '--config', viteConfig, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], 'inherit');
  return present ? 'rebuilt' : 'built';
}
