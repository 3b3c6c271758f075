import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('unclosed-resource');
