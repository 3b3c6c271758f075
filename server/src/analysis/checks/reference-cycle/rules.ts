// The reference-cycle rules. Their pages (docs/rules/MEM101.md ... MEM104.md) explain the CPython mechanism.
import type { RuleMeta } from '../../rule';

export const KEPT_EXCEPTION: RuleMeta = {
  code: 'MEM101',
  name: 'kept-exception',
  category: 'reference-cycle',
  severity: 'warning',
  summary: 'A caught exception outlives its except block, keeping its traceback and every frame in it alive.',
};

export const BACK_REFERENCE: RuleMeta = {
  code: 'MEM102',
  name: 'back-reference',
  category: 'reference-cycle',
  severity: 'information',
  summary: 'A parent and child refer to each other with strong references.',
};

export const SELF_REFERENCING_CALLABLE: RuleMeta = {
  code: 'MEM103',
  name: 'self-referencing-callable',
  category: 'reference-cycle',
  severity: 'information',
  summary: 'A bound method, lambda or closure over self is stored on self.',
  // Opt-in: long-lived objects often store bound methods on themselves on purpose (a dispatch slot such as
  // profile.Profile.dispatcher); on the standard library most findings were such deliberate, harmless cycles.
  defaultEnabled: false,
};

export const KEPT_FRAME: RuleMeta = {
  code: 'MEM104',
  name: 'kept-frame',
  category: 'reference-cycle',
  severity: 'warning',
  summary: 'A frame object is stored in a variable or attribute.',
};
