// The reference-cycle category: objects that end up referring to themselves, so reference counting never frees
// them and they wait for the cyclic garbage collector. One check, four rules, each in reference-cycle/.
import type { Check } from '../check';
import type { Finding } from '../finding';
import { backReferenceFindings } from './reference-cycle/back-reference';
import { keptExceptionFindings } from './reference-cycle/kept-exception';
import { keptFrameFindings } from './reference-cycle/kept-frame';
import { BACK_REFERENCE, KEPT_EXCEPTION, KEPT_FRAME, SELF_REFERENCING_CALLABLE } from './reference-cycle/rules';
import { selfReferencingCallableFindings } from './reference-cycle/self-referencing-callable';

export const referenceCycleChecks: readonly Check[] = [
  {
    id: 'reference-cycle',
    rules: [KEPT_EXCEPTION, BACK_REFERENCE, SELF_REFERENCING_CALLABLE, KEPT_FRAME],
    // No node types: every rule finds its rare candidates with a text search and confirms them on the tree, which
    // costs less than collecting every call, assignment or except clause of a module.
    nodeTypes: [],
    run(ctx) {
      const findings: Finding[] = [];
      if (ctx.isEnabled(KEPT_EXCEPTION.code)) findings.push(...keptExceptionFindings(ctx));
      if (ctx.isEnabled(BACK_REFERENCE.code)) findings.push(...backReferenceFindings(ctx));
      if (ctx.isEnabled(SELF_REFERENCING_CALLABLE.code)) findings.push(...selfReferencingCallableFindings(ctx));
      if (ctx.isEnabled(KEPT_FRAME.code)) findings.push(...keptFrameFindings(ctx));
      return findings;
    },
  },
];
