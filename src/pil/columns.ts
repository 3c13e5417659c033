// Columns by name ("Main.A0", "Arith.CLK[3]") to the id-indexed arrays of a compiled PIL.

export type Columns = Map<string, Float64Array>;
/** Columns of any machine: the Poseidon machine's hold full 64-bit field elements. */
export type AnyColumns = ReadonlyMap<string, Float64Array | BigUint64Array>;

interface Reference { type: string; id: number; isArray?: boolean; len?: number }
export interface PilReferences { references: Record<string, Reference>; nCommitments: number; nConstants: number }

/** Committed and constant columns in pilJson id order; a column the PIL declares but `cols` lacks is an error. */
export function orderColumns<C extends Float64Array | BigUint64Array = Float64Array>(pil: PilReferences, cm: ReadonlyMap<string, C> | null,
  cst: ReadonlyMap<string, C>): { cm: C[]; cst: C[] } {
  const outCm: C[] = new Array(pil.nCommitments);
  const outCst: C[] = new Array(pil.nConstants);
  for (const [name, ref] of Object.entries(pil.references)) {
    const target = ref.type === 'cmP' ? outCm : ref.type === 'constP' ? outCst : null;
    const source = ref.type === 'cmP' ? cm : cst;
    if (!target || !source) continue; // no committed columns: constants only
    const names = ref.isArray ? Array.from({ length: ref.len! }, (_, k) => `${name}[${k}]`) : [name];
    names.forEach((n, k) => {
      const col = source.get(n);
      if (!col) throw new Error(`no values for the ${ref.type === 'cmP' ? 'committed' : 'constant'} polynomial ${n}`);
      target[ref.id + k] = col;
    });
  }
  return { cm: outCm, cst: outCst };
}
