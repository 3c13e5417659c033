// The verification key of a program: what a verifier trusts, made from the program and a profile
// by `wasm2zkasm setup` (or derived on the spot by `verify --program`), never from a proof.
//
//   { "format": "wasm2zkasm-vkey", "version": 1,
//     "program": { "name": "echo.wat", "romHash": "<sha256 hex>" },
//     "security": "standard", "nBits": 12, "constRoot": ["…" ×4],
//     "starkInfoHash": "<sha256 hex>", "pilHash": "<sha256 hex>", "publics": ["status", …] }
//
// constRoot, starkInfoHash, nBits, security and publics are what verification checks (a StarkKey);
// program and pilHash say what the key is of, for people: romHash is romHash() of the assembled
// program, pilHash the sha256 of the PIL text the key was made from (N given, so it depends only
// on the program and N). A key is trusted as a whole, so parseVkey is strict: a field it does not
// know, or a value of the wrong shape, is an error rather than something to ignore.

import { badKeyFile } from '../diagnostics.js';
import { element, MAX_NBITS, MIN_NBITS, SECURITY_PROFILES, type SecurityProfile, type StarkKey } from './stark/index.js';

export const VKEY_FORMAT = 'wasm2zkasm-vkey';
export const VKEY_VERSION = 1;

export interface VerificationKey extends StarkKey {
  program: { name: string; romHash: string };
  pilHash: string;
}

export function serializeVkey(key: VerificationKey): string {
  const ordered = {
    format: VKEY_FORMAT,
    version: VKEY_VERSION,
    program: { name: key.program.name, romHash: key.program.romHash },
    security: key.security,
    nBits: key.nBits,
    constRoot: key.constRoot.map(String),
    starkInfoHash: key.starkInfoHash,
    pilHash: key.pilHash,
    publics: key.publics,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const FIELDS = ['format', 'version', 'program', 'security', 'nBits', 'constRoot', 'starkInfoHash', 'pilHash', 'publics'] as const;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const PUBLIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// the name is printed: no line breaks or terminal escapes in it
const CONTROL = /[\u0000-\u001f\u007f]/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key file's text → the key; any problem is a W2Z4202 error naming the file. */
export function parseVkey(text: string, fileName: string): VerificationKey {
  const fail = (detail: string): never => { throw badKeyFile(fileName, detail); };
  const malformed = (field: string, why: string): never => fail(`field '${field}' ${why}`);
  const exactKeys = (o: Record<string, unknown>, keys: readonly string[], where: string): void => {
    for (const k of keys) if (!(k in o)) fail(`missing field '${where}${k}'`);
    const extra = Object.keys(o).find((k) => !keys.includes(k));
    if (extra !== undefined) malformed(`${where}${extra}`, `is not part of a version ${VKEY_VERSION} key`);
  };
  const hash = (field: string, v: unknown): string => (typeof v === 'string' && SHA256_HEX.test(v) ? v : malformed(field, 'must be a sha256 in lower-case hex'));

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(raw)) return fail('not a JSON object');
  if (raw.format !== VKEY_FORMAT) fail(`format is ${JSON.stringify(raw.format)}, expected "${VKEY_FORMAT}"`);
  if (raw.version !== VKEY_VERSION) fail(`unsupported key version ${JSON.stringify(raw.version)} (this build reads version ${VKEY_VERSION})`);
  exactKeys(raw, FIELDS, '');

  const program = raw.program;
  if (!isObject(program)) return malformed('program', 'must be an object');
  exactKeys(program, ['name', 'romHash'], 'program.');
  if (typeof program.name !== 'string' || program.name === '' || CONTROL.test(program.name)) malformed('program.name', 'must be a non-empty string without control characters');
  const security = raw.security;
  if (typeof security !== 'string' || !(SECURITY_PROFILES as readonly string[]).includes(security)) {
    malformed('security', `must be ${SECURITY_PROFILES.map((s) => `"${s}"`).join(' or ')}`);
  }
  const nBits = raw.nBits;
  if (typeof nBits !== 'number' || !Number.isInteger(nBits) || nBits < MIN_NBITS || nBits > MAX_NBITS) {
    malformed('nBits', `must be an integer from ${MIN_NBITS} to ${MAX_NBITS}`);
  }
  if (!Array.isArray(raw.constRoot) || raw.constRoot.length !== 4) return malformed('constRoot', 'must be an array of 4 field elements');
  const constRoot = raw.constRoot.map((x, i) => element(x, `constRoot[${i}]`, malformed));
  if (!Array.isArray(raw.publics)) return malformed('publics', 'must be an array of names');
  const publics = raw.publics.map((x, i) => (typeof x === 'string' && PUBLIC_NAME.test(x) ? x : malformed(`publics[${i}]`, 'must be a PIL name')));

  return {
    program: { name: program.name as string, romHash: hash('program.romHash', program.romHash) },
    security: security as SecurityProfile,
    nBits: nBits as number,
    constRoot,
    starkInfoHash: hash('starkInfoHash', raw.starkInfoHash),
    pilHash: hash('pilHash', raw.pilHash),
    publics,
  };
}
