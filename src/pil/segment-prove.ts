// `prove --segment-rows N` and the verification of its bundle (docs/segments.md). Every segment
// is checked, then proven with pil-stark against the one segment PIL of the program; the bundle
// holds each segment's proof and memory list. A verifier derives the segment key from the
// program, verifies every proof against it, hashes each memory list and compares it with the
// proof's digest publics, and checks the links: the proofs' publics are all it trusts.

import type { Rom } from '../zkasm/rom.js';
import { PagedMemory } from '../machine/memory.js';
import { checkTrace, toPilcomPols } from './check/index.js';
import { describeFailures } from './run.js';
import { limitsOf, segmentPil, segmentTrace } from './segment-check.js';
import { segmentWitness } from './segment-witness.js';
import { MEMORY_DIGEST } from './model.js';
import { orderColumns } from './columns.js';
import { romHash } from './prove-program.js';
import { exclusive, pilStark } from './stark/lib.js';
import {
  insecureProfile, prove, starkInfoHash, starkStructFor, verifyProofFile, parseProof, serializeProof,
  type ProofFile, type SecurityProfile, type StarkKey,
} from './stark/index.js';
import type { PilJson as StarkPilJson, PolsArray } from './stark/types.js';
import { memoryDigest } from '../segments/memory-digest.js';
import { checkLinks, type SegmentLink } from '../segments/links.js';
import { BOUNDARY_REGISTERS, runSegments, type MemoryEntry } from '../segments/run.js';
import { constraintFailed } from '../diagnostics.js';

export const BUNDLE_FORMAT = 'wasm2zkasm-segments';
export const BUNDLE_VERSION = 1;

/** One segment in a bundle: its proof and its memory list ([address, before0, before1, after0, after1]). */
export interface BundleSegment {
  proof: ProofFile;
  memory: [number, number, number, number, number][];
}

export interface SegmentBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  security: SecurityProfile;
  nBits: number;
  segments: BundleSegment[];
}

export interface ProveSegmentsOptions {
  security: SecurityProfile;
  log: (msg: string) => void;
  name: string;
  maxSteps?: number;
}

export async function proveInSegments(rom: Rom, inputs: bigint[], N: number, o: ProveSegmentsOptions): Promise<SegmentBundle> {
  const segments: BundleSegment[] = [];
  for await (const s of proveSegments(rom, inputs, N, o, () => true)) segments.push(s);
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, security: o.security, nBits: Math.log2(N), segments };
}

/** How many segments a run of `rom` on `inputs` has at N rows (the executor only: no witness). */
export async function countSegments(rom: Rom, inputs: bigint[], N: number, maxSteps?: number): Promise<number> {
  const { pil } = await segmentPil(rom, N);
  let n = 0;
  for (const _ of runSegments(rom, inputs, limitsOf(rom, pil.model), maxSteps)) n++;
  return n;
}

/**
 * The proofs of the segments `wanted` chooses, in order: every segment is executed (cheap), only
 * the wanted ones witnessed, checked and proven. A worker process proves one segment this way.
 */
export async function* proveSegments(rom: Rom, inputs: bigint[], N: number, o: ProveSegmentsOptions,
  wanted: (index: number) => boolean): AsyncGenerator<BundleSegment & { index: number }> {
  const { pil, constants, pilJson } = await segmentPil(rom, N);
  const m = pil.model;
  const memory = new PagedMemory();
  const setupSlot = {}; // every segment has the same PIL and constants
  for (const seg of runSegments(rom, inputs, limitsOf(rom, m), o.maxSteps, memory)) {
    if (!wanted(seg.index)) continue;
    for (const e of seg.memory) memory.set(e.addr, e.before[0], e.before[1]);
    const w = segmentWitness(rom, m, seg, memory, { inputs });
    if (w.run.status !== 'pass') throw new Error(`${rom.fileName}: segment ${seg.index}: ${w.run.failure!.message}`);
    const trace = segmentTrace(pilJson, m, constants, w);
    const result = checkTrace(pilJson, trace, { publics: w.publics });
    if (!result.ok) throw constraintFailed(o.name, `segment ${seg.index} does not satisfy the PIL`, describeFailures(rom, pil, w, result.failures)[0]);
    o.log(`segment ${seg.index}: ${seg.steps} steps, ${w.memory.length} addresses${seg.final ? ', final' : ''}: checked, proving`);
    const { cm, cst } = toPilcomPols(pilJson, trace);
    const proof = await prove(pilJson as unknown as StarkPilJson, cst as unknown as PolsArray, cm as unknown as PolsArray, { security: o.security, log: o.log, setupSlot });
    yield { index: seg.index, proof, memory: w.memory.map((e) => [e.addr, e.before[0], e.before[1], e.after[0], e.after[1]]) };
  }
}

/** The key every segment proof of `rom` at 2^nBits rows must match. */
export async function segmentKey(rom: Rom, nBits: number, security: SecurityProfile): Promise<StarkKey & { romHash: string; publicNames: string[] }> {
  const { pil, constants, pilJson } = await segmentPil(rom, 2 ** nBits);
  const o = orderColumns<Float64Array | BigUint64Array>(pilJson, null, constants);
  const { cst } = toPilcomPols(pilJson, { N: pil.model.N, cm: [], cst: o.cst });
  const setup = await exclusive(() => pilStark().starkSetup(cst as unknown as PolsArray, structuredClone(pilJson) as unknown as StarkPilJson,
    starkStructFor(nBits, security)));
  const m = pil.model;
  const names = [...m.segment!.statePublics.map((p) => p.name), ...m.publics.map((p) => p.name),
    ...(m.segment!.memoryDigest ? [0, 1, 2, 3].map((k) => `${MEMORY_DIGEST}_${k}`) : [])];
  return { security, nBits, constRoot: setup.constRoot, starkInfoHash: starkInfoHash(setup.starkInfo), publics: names, romHash: romHash(rom), publicNames: names };
}

export interface BundleVerdict {
  ok: boolean;
  reason?: string;
  segments: number;
  /** the final segment's publics by name (status, outputs), when ok */
  publics: Record<string, bigint>;
}

/** A bundle checked against a program: every proof, every memory list, every link. */
export type SegmentKey = Awaited<ReturnType<typeof segmentKey>>;

/** `key`: the program's segment key at the bundle's N and profile, when the caller has it already. */
export async function verifyBundle(bundle: SegmentBundle, rom: Rom, opts: { allowInsecure?: boolean; key?: SegmentKey } = {}): Promise<BundleVerdict> {
  const fail = (reason: string): BundleVerdict => ({ ok: false, reason, segments: bundle.segments.length, publics: {} });
  const insecure = insecureProfile(bundle.security, 'proof', opts.allowInsecure);
  if (insecure) return fail(insecure);
  if (bundle.segments.length === 0) return fail('the bundle has no segment');
  const key = opts.key && opts.key.nBits === bundle.nBits && opts.key.security === bundle.security && opts.key.romHash === romHash(rom)
    ? opts.key : await segmentKey(rom, bundle.nBits, bundle.security);
  const links: SegmentLink[] = [];
  let last: Record<string, bigint> = {};
  for (const [i, s] of bundle.segments.entries()) {
    if (s.proof.nBits !== bundle.nBits || s.proof.security !== bundle.security) return fail(`segment ${i}'s proof is not at the bundle's size and profile`);
    const r = await verifyProofFile(s.proof, key, { allowInsecure: opts.allowInsecure === true });
    if (!r.ok) return fail(`segment ${i}'s proof does not verify: ${r.reason ?? ''}`);
    const pub = new Map(key.publicNames.map((n, k) => [n, BigInt(r.publics[k]!)]));
    const memory: MemoryEntry[] = s.memory.map(([addr, b0, b1, a0, a1]) => ({ addr, before: [b0, b1], after: [a0, a1] }));
    if (pub.has(`${MEMORY_DIGEST}_0`)) {
      const digest = memoryDigest(memory);
      if (digest.some((x, k) => x !== pub.get(`${MEMORY_DIGEST}_${k}`))) return fail(`segment ${i}'s memory list is not the one its proof hashed`);
    }
    const state = (when: 'start' | 'end') => ({
      zkPC: Number(pub.get(`${when}_zkPC`)!), regs: BOUNDARY_REGISTERS.map((x) => Number(pub.get(`${when}_${x}`)!)),
    });
    links.push({ index: i, start: state('start'), end: state('end'), final: pub.get('final') === 1n, memory });
    last = Object.fromEntries(pub);
  }
  const broken = checkLinks(links);
  if (broken) return fail(broken);
  return { ok: true, segments: bundle.segments.length, publics: last };
}

export function serializeBundle(b: SegmentBundle): string {
  return JSON.stringify({ ...b, segments: b.segments.map((s) => ({ proof: JSON.parse(serializeProof(s.proof)) as unknown, memory: s.memory })) });
}

/** A bundle read from text; throws (naming the file) on anything else. */
export function parseBundle(text: string, file: string): SegmentBundle {
  const j = JSON.parse(text) as Record<string, unknown>;
  if (j.format !== BUNDLE_FORMAT) throw new Error(`${file}: not a segment bundle (format ${String(j.format)})`);
  if (j.version !== BUNDLE_VERSION) throw new Error(`${file}: bundle version ${String(j.version)}, this tool reads ${BUNDLE_VERSION}`);
  const segs = j.segments;
  if (!Array.isArray(segs)) throw new Error(`${file}: no segments`);
  const number = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new Error(`${file}: ${what} is not an integer`);
    return v;
  };
  return {
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION,
    security: j.security as SecurityProfile, nBits: number(j.nBits, 'nBits'),
    segments: segs.map((s: { proof?: unknown; memory?: unknown }, i) => {
      if (!Array.isArray(s.memory)) throw new Error(`${file}: segment ${i} has no memory list`);
      const memory = s.memory.map((e: unknown, k) => {
        if (!Array.isArray(e) || e.length !== 5) throw new Error(`${file}: segment ${i}, memory entry ${k} is not 5 numbers`);
        return e.map((v, c) => number(v, `segment ${i}, memory entry ${k}[${c}]`)) as [number, number, number, number, number];
      });
      return { proof: parseProof(JSON.stringify(s.proof), `${file} (segment ${i})`), memory };
    }),
  };
}
