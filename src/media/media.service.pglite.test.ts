import { openTestPglite } from '../../test/support/pglite';
import { describeMediaService } from './media.service.suite';

describeMediaService('PGlite', openTestPglite);
