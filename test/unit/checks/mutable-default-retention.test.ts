import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('mutable-default-retention');
