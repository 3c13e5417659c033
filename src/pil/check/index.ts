// A fast checker of compiled PIL (pilcom's pilJson) against a trace: the same verdicts as
// pilcom's verifyPil, on typed arrays of doubles instead of BigInt arrays. See check.ts.

export { checkTrace } from './check.js';
export { COSET_K, rootOfUnity } from './connections.js';
export { P, fieldToKey, cellToField } from './field.js';
export { pilcom, PilcomMirror, toPilcomPols, writePolsFile, type Pilcom, type PilcomPols } from './pilcom.js';
export type {
  CheckFailure, CheckOptions, CheckResult, Column, FailureKind, PilConnectionIdentity, PilExpr, PilJson,
  PilPolIdentity, PilPublic, PilReference, PilSource, PilTupleIdentity, Trace,
} from './types.js';
