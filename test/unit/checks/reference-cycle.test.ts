import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('reference-cycle');
