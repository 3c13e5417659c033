// The shapes of pilcom's output (pilJson) that the checker reads, and the checker's own API types.
// Field names and meanings were taken from real `compile(F, src, null, {compileFromString: true})`
// output of pilcom@0.0.24, not from documentation (there is none).

/** A node of pilJson's expression trees. */
export interface PilExpr {
  /**
   * pilcom emits add, sub, mul, neg, cm, const, exp, number, public. pil-stark's preparation of
   * the same object adds stage fields and, in its own copies, addc/mulc/muladd, which verifyPil
   * also accepts, so they are understood too. Anything else (q, x, challenge, eval…) belongs
   * to pil-stark's internal expressions and is rejected.
   */
  op: string;
  /** cm/const: the polynomial id (array element k is id + k). exp: the expression index (an
   *  intermediate `pol x = …` has reference type imP whose id IS that expression index).
   *  public: the index into pilJson.publics. */
  id?: number;
  /** Reads the value at row (i + 1) mod N. On an `exp` node it shifts the whole intermediate,
   *  so nested primes accumulate (verifyPil does the same). */
  next?: boolean;
  /** number: decimal string. NOT reduced: `2**64` stays "18446744073709551616", and a folded
   *  negation becomes p - x. */
  value?: string;
  /** addc/mulc: the constant operand (decimal string or number). */
  const?: string | number;
  values?: PilExpr[];
  deg?: number;
  /** On an expression that became an intermediate with a quotient (pilcom bookkeeping). */
  idQ?: number;
  /** Expression indexes of `exp` nodes inside (pilcom bookkeeping, unused here). */
  deps?: number[];
}

export interface PilReference {
  type: 'cmP' | 'constP' | 'imP';
  id: number;
  polDeg: number;
  isArray: boolean;
  len?: number;
}

export interface PilPublic {
  name: string;
  /** cmP, imP (polId is then an expression index) or constP (verifyPil cannot handle this one). */
  polType: 'cmP' | 'constP' | 'imP';
  polId: number;
  /** The row. */
  idx: number;
  /** Equals the public's index in pilJson.publics. */
  id: number;
}

/** Where an identity was written. Inside `compileFromString` the file name is "(string)". */
export interface PilSource {
  fileName: string;
  line: number;
}

export interface PilPolIdentity extends PilSource {
  /** Expression index; `x = y` is stored as sub(x, y). */
  e: number;
}

/** `selF {f…} in selT {t…}` and `selF {f…} is selT {t…}`: every entry is an expression index;
 *  an absent selector is null. */
export interface PilTupleIdentity extends PilSource {
  f: number[];
  t: number[];
  selF: number | null;
  selT: number | null;
}

/** `{pols…} connect {connections…}`: expression indexes, pairwise. */
export interface PilConnectionIdentity extends PilSource {
  pols: number[];
  connections: number[];
}

export interface PilJson {
  nCommitments: number;
  nConstants: number;
  nIm: number;
  nQ: number;
  references: Record<string, PilReference>;
  publics: PilPublic[];
  expressions: PilExpr[];
  polIdentities: PilPolIdentity[];
  plookupIdentities: PilTupleIdentity[];
  permutationIdentities: PilTupleIdentity[];
  connectionIdentities: PilConnectionIdentity[];
}

/**
 * A column of the trace. Float64Array: every cell an integer x with |x| <= 2^53 meaning x mod p
 * (negative x is p - |x|). BigUint64Array: raw field elements (reduced mod p on reading), for
 * columns whose values do not fit the double encoding, e.g. the "S" polynomials of `connect`,
 * which hold k^j·w^i.
 */
export type Column = Float64Array | BigUint64Array;

export interface Trace {
  /** Rows, a power of two; every column has this length. */
  N: number;
  /** Committed polynomials, indexed by pilJson id. */
  cm: Column[];
  /** Constant polynomials, indexed by pilJson id. */
  cst: Column[];
}

export type FailureKind = 'identity' | 'plookup' | 'permutation' | 'connection' | 'public';

export interface CheckFailure {
  kind: FailureKind;
  /** Index of the identity within its kind's list in pilJson (for 'public': the public's index). */
  index: number;
  /** First failing row (lookups/permutations: a left-side row not found, or the right-side row
   *  of an unmatched tuple). */
  row: number;
  /** From pilJson; publics carry no source position, so they get "" and 0. */
  fileName: string;
  line: number;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  failures: CheckFailure[];
  /** Cells of the trace: N × (nCommitments + nConstants). */
  cells: number;
  ms: number;
}

export interface CheckOptions {
  /** Values of pilJson.publics (like verifyPil's config.publics): used wherever an expression
   *  reads a public, and each is checked against the cell it is bound to. Without it the cells'
   *  own values are used. */
  publics?: (bigint | number | string)[];
  /** Stop after this many failures (default 20). */
  maxFailures?: number;
}
