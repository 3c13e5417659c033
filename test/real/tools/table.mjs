// Measures the corpus of test/real with the built compiler (dist/: `npx tsc -p tsconfig.json`
// first; build.sh does both): per module its size, compile time and ROM rows, per tape our
// status, outputs and steps next to V8's outcome. Writes steps.json and the tables between the
// `<!-- table:… -->` markers of README.md.
//
//   node test/real/tools/table.mjs            # every module, two worker threads
//   JOBS=1 node test/real/tools/table.mjs
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { DIR, LEVELS, listModules, readModule, runInV8 } from '../corpus.mjs';

const ROOT = join(DIR, '..', '..');

if (!isMainThread) {
  const { compileWasm, runRom } = await import(join(ROOT, 'dist', 'compile.js'));
  const { loadWasmBytes } = await import(join(ROOT, 'dist', 'wasm', 'load.js'));
  parentPort.on('message', async (/** @type {import('../corpus.mjs').Module} */ m) => {
    const bytes = readModule(m.file);
    const row = { file: m.file, bytes: bytes.length, tapes: [] };
    const t0 = performance.now();
    let compiled;
    try {
      compiled = compileWasm(await loadWasmBytes(bytes, m.file));
      row.compileMs = Math.round(performance.now() - t0);
      row.romRows = compiled.rom.rows.length;
    } catch (e) {
      row.compileError = String(e?.message ?? e).split('\n')[0];
    }
    for (const t of m.tapes) {
      const v8 = await runInV8(bytes, t.tape);
      const entry = { tape: t.text, v8: { status: v8.status, ...(v8.trap ? { trap: v8.trap } : {}), outputs: v8.outputs.map(String) } };
      if (compiled) {
        const t1 = performance.now();
        const r = runRom(compiled.rom, { inputs: t.tape });
        entry.runMs = Math.round(performance.now() - t1);
        entry.ours = { status: r.status, steps: r.result.steps, ...(r.trap ? { trap: r.trap.kind } : {}),
          ...(r.result.failure ? { failure: r.result.failure.message } : {}), outputs: r.outputs.map(String) };
      }
      row.tapes.push(entry);
    }
    parentPort.postMessage(row);
  });
} else {
  /** our status and outputs are V8's */
  const agrees = (t) => t.ours.status === t.v8.status && t.ours.outputs.join() === t.v8.outputs.join();
  const modules = listModules();
  const jobs = Number(process.env.JOBS ?? Math.min(2, availableParallelism()));
  const results = new Map();
  let nextIndex = 0;
  await Promise.all(Array.from({ length: jobs }, () => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url));
    const feed = () => {
      if (nextIndex >= modules.length) { w.terminate().then(resolve, reject); return; }
      w.postMessage(modules[nextIndex++]);
    };
    w.on('message', (row) => {
      results.set(row.file, row);
      const t = row.tapes.map((x) => (x.ours ? `${x.ours.status}:${x.ours.steps}${agrees(x) ? '' : '≠'}` : '-')).join(' ');
      process.stderr.write(`${row.file}: ${row.compileError ?? `${row.compileMs} ms`} ${t}\n`);
      feed();
    });
    w.on('error', reject);
    feed();
  })));
  const rows = modules.map((m) => results.get(m.file));
  writeFileSync(join(DIR, 'steps.json'), JSON.stringify(rows, null, 1) + '\n');

  // README tables: one row per program, one column per level
  const programs = [...new Set(modules.map((m) => `${m.lang}/${m.name}`))];
  const cell = (lang, name, level, f) => {
    const r = results.get(`${lang}/${name}.${level}.wasm`);
    return r ? f(r) : '';
  };
  const kb = (n) => `${(n / 1024).toFixed(1)}`;
  const k = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n));
  const steps = (r) => {
    if (r.compileError) return 'bug';
    return r.tapes.map((t) => {
      return `${k(t.ours.steps)}${t.ours.status === 'trap' ? 'ᵗ' : ''}${agrees(t) ? '' : '≠'}`;
    }).join(' / ');
  };
  const header = `| program | ${LEVELS.join(' | ')} |\n| --- |${LEVELS.map(() => ' ---: |').join('')}`;
  const table = (f) => [header, ...programs.map((p) => {
    const [lang, name] = p.split('/');
    return `| ${p} | ${LEVELS.map((l) => cell(lang, name, l, f)).join(' | ')} |`;
  })].join('\n');
  const total = rows.reduce((n, r) => n + r.bytes, 0);
  const sizes = `${table((r) => kb(r.bytes))}\n\n${rows.length} modules, ${kb(total)} KiB in all.`;
  const stepsTable = table(steps);
  const readmePath = join(DIR, 'README.md');
  let readme = readFileSync(readmePath, 'utf8');
  const put = (tag, body) => {
    const re = new RegExp(`(<!-- table:${tag} -->\\n)[\\s\\S]*?(<!-- /table:${tag} -->)`);
    if (!re.test(readme)) throw new Error(`README.md has no <!-- table:${tag} --> … <!-- /table:${tag} --> block`);
    readme = readme.replace(re, (_, a, b) => `${a}${body}\n${b}`);
  };
  put('steps', stepsTable);
  put('sizes', sizes);
  writeFileSync(readmePath, readme);
  process.stderr.write(`table.mjs: ${rows.length} modules; steps.json and README.md written\n`);
}
