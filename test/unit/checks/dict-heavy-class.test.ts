import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('dict-heavy-class');
