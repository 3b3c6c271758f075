import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('large-comprehension');
