// Types of corpus.mjs (plain JavaScript so that tools/table.mjs runs on Node directly).
export declare const DIR: string;
export declare const LANGS: readonly ['rust', 'c', 'as'];
export declare const SOURCE_EXT: { rust: 'rs'; c: 'c'; as: 'ts' };
export declare const LEVELS: string[];
export declare const MAX_OUTPUTS: number;
export declare const INSTRUCTION_COUNTER: string;
export interface Tape { tape: bigint[]; text: string; expect?: 'pass' | 'trap' | 'fail' }
export interface Module { file: string; lang: string; name: string; level: string; source: string; tapes: Tape[] }
export interface Outcome { status: 'pass' | 'fail' | 'trap'; outputs: bigint[]; trap?: string; message?: string; instructions?: number }
export declare function tapesOf(text: string): Tape[];
export declare function listModules(): Module[];
export declare function readModule(file: string): Uint8Array;
export declare function runInV8(bytes: Uint8Array, tape: bigint[], maxOutputs?: number): Promise<Outcome>;
