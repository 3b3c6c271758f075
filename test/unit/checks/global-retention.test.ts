import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('global-retention');
