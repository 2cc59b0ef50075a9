import { buildWeb } from '../../src/app/web-build';

/** Builds the web app once per test run, so browser tests drive the current sources. */
export default async function setup(): Promise<void> {
  await buildWeb({ force: true });
}
