// The decoded WebAssembly module: plain data, no methods. Produced by `decodeModule` (decode.ts),
// consumed by the IR builder. Function indices count imported functions first (as in WASM).

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type ValType = NumType | 'v128' | 'funcref' | 'externref';

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max?: number;
}

export interface TableType {
  elemType: 'funcref' | 'externref';
  limits: Limits;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; memory: Limits }
  | { kind: 'global'; global: GlobalType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
  /** byte offset of this import entry in the file */
  offset: number;
}

export type BlockType =
  | { kind: 'empty' }
  | { kind: 'value'; type: ValType }
  | { kind: 'func'; typeIndex: number };

/**
 * One instruction of a function body or constant expression, in the flat order of the binary
 * (`block`/`loop`/`if` … `else` … `end` are instructions of their own).
 */
export interface Instr {
  /** text-format spelling: 'i32.add', 'block', 'br_table', 'memory.grow', 'f32.add', 'i8x16.add' … */
  op: string;
  /** byte offset of the opcode's first byte in the file */
  offset: number;
  /** block / loop / if */
  blockType?: BlockType;
  /**
   * the first index immediate: local (local.*), global (global.*), function (call, ref.func),
   * label depth (br, br_if; the default label of br_table), type (call_indirect), table (table.*),
   * data segment (memory.init, data.drop), element segment (table.init, elem.drop), memory (memory.size/grow/fill),
   * destination memory (memory.copy), destination table (table.copy), memory of a load/store (only when the
   * multi-memory encoding is used), lane (SIMD extract_lane/replace_lane, load*_lane/store*_lane)
   */
  index?: number;
  /** the second index immediate: call_indirect's table, memory.init's memory, memory.copy's source memory,
   * table.init's table, table.copy's source table */
  index2?: number;
  /** br_table's label depths, without the default (which is `index`) */
  labels?: number[];
  /** loads and stores: alignment exponent and static offset */
  memarg?: { align: number; offset: number };
  /** i32.const / i64.const: the bit pattern as an unsigned value (i32: 0 … 2^32-1, i64: 0 … 2^64-1);
   * f32.const / f64.const: the raw IEEE bits, unsigned; v128.const: the 16 bytes as a little-endian unsigned
   * 128-bit value; i8x16.shuffle: its 16 lane indices, encoded the same way */
  value?: bigint;
  /** typed `select t*` */
  types?: ValType[];
  /** ref.null's type */
  refType?: 'funcref' | 'externref';
}

/** A constant expression (global initializers, segment offsets), without its final `end`. */
export type ConstExpr = Instr[];

export interface Global {
  type: GlobalType;
  init: ConstExpr;
}

export interface Export {
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global';
  index: number;
}

export interface ElemSegment {
  mode: 'active' | 'passive' | 'declarative';
  /** active only */
  table: number;
  offset?: ConstExpr;
  elemType: 'funcref' | 'externref';
  /** one constant expression per element (`ref.func i` or `ref.null`) */
  init: ConstExpr[];
}

export interface DataSegment {
  mode: 'active' | 'passive';
  memory: number;
  offset?: ConstExpr;
  bytes: Uint8Array;
  /** byte offset of the segment in the file */
  fileOffset: number;
  /** NEAR linker: the contract whose data this is (written at each of its instance resets, not at set-up) */
  owner?: number;
}

export interface FuncBody {
  /** declared locals, expanded one entry per local (params are not included) */
  locals: ValType[];
  /** instructions including the final `end` */
  body: Instr[];
  /** byte offset of the body (its size field) in the file */
  offset: number;
}

export interface NameSection {
  module?: string;
  /** function index (imports included) → name, from the `name` custom section */
  funcs: Map<number, string>;
  /** function index → local index → name */
  locals: Map<number, Map<number, string>>;
}

export interface Module {
  types: FuncType[];
  imports: Import[];
  /** type index of each defined (non-imported) function */
  funcs: number[];
  tables: TableType[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elems: ElemSegment[];
  datas: DataSegment[];
  dataCount?: number;
  /** one per defined function, same order as `funcs` */
  codes: FuncBody[];
  names: NameSection;
  /**
   * Set only by the NEAR linker (src/near/link.ts): memory 1 is the host's, placed at this byte
   * of the machine's memory; loads, stores and data segments of memory 1 are host accesses
   */
  hostMemoryBase?: number;
  /**
   * Set only by the NEAR linker: the initial pages of each contract's memory (memory 0 is each
   * contract's in turn, made fresh by `w2z.__w2z_instance_reset(c)` before each call)
   */
  contractPages?: number[];
  /**
   * Set only by the NEAR linker: the byte of the machine's memory where the contract memory's
   * dirty-block flags start (one word a 1 KiB block; the instance reset zeroes flagged blocks)
   */
  dirtyFlagsBase?: number;
}
