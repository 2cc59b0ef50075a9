import { openTestPglite } from '../support/pglite';
import { describeTenantIsolation } from './tenants.suite';

describeTenantIsolation('PGlite', async () => ({ db: await openTestPglite() }));
