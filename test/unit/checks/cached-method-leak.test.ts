import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('cached-method-leak');
