import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webDistDir } from './hutong';

const viteConfig = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

/** Builds the web app with Vite (about 10 s); `force` rebuilds an existing build. */
export async function buildWeb({ force = false } = {}): Promise<'built' | 'present'> {
  if (!force && existsSync(join(webDistDir, 'index.html'))) return 'present';
  const { build } = await import('vite');
  await build({ configFile: viteConfig, logLevel: 'warn' });
  return 'built';
}
