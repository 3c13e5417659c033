// A bytecode interpreter: an enum of instructions matched in a loop (br_table), an i64 operand
// stack in a Vec, call frames for recursion, and a tiny assembler with label fix-ups. Programs
// run: iterative and recursive fib and gcd (assembled from text), Collatz steps and a sieve in the
// interpreter's memory (built as op vectors).
// TAPE: [21, 1071, 462, 9]
// TAPE: [5, 17, 5, 12]
// TAPE: [0, 0, 1, 1]
include!("io.rs");

#[derive(Clone, Copy, Debug)]
enum Op { Push(i64), Load(u8), Store(u8), Add, Sub, Mul, Div, Rem, Lt, Eq, Jmp(u16), Jz(u16), Call(u16, u8), Ret, Dup, Drop, Swap, MLoad, MStore, Halt }

struct Frame { ret: usize, base: usize }

fn run(code: &[Op], args: &[i64], mem: &mut Vec<i64>, fuel: &mut u32) -> Result<i64, &'static str> {
    let mut stack: Vec<i64> = args.to_vec();
    let mut frames = vec![Frame { ret: usize::MAX, base: 0 }];
    stack.resize(8, 0);
    let mut pc = 0usize;
    loop {
        if *fuel == 0 { return Err("out of fuel"); }
        *fuel -= 1;
        let op = code[pc];
        pc += 1;
        let base = frames.last().unwrap().base;
        match op {
            Op::Push(v) => stack.push(v),
            Op::Load(i) => stack.push(stack[base + i as usize]),
            Op::Store(i) => { let v = stack.pop().unwrap(); stack[base + i as usize] = v; }
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Rem | Op::Lt | Op::Eq => {
                let b = stack.pop().unwrap();
                let a = stack.pop().unwrap();
                stack.push(match op {
                    Op::Add => a.wrapping_add(b),
                    Op::Sub => a.wrapping_sub(b),
                    Op::Mul => a.wrapping_mul(b),
                    Op::Div => { if b == 0 { return Err("div by zero"); } a.wrapping_div(b) }
                    Op::Rem => { if b == 0 { return Err("div by zero"); } a.wrapping_rem(b) }
                    Op::Lt => (a < b) as i64,
                    _ => (a == b) as i64,
                });
            }
            Op::Jmp(t) => pc = t as usize,
            Op::Jz(t) => { if stack.pop().unwrap() == 0 { pc = t as usize; } }
            Op::Call(t, nargs) => {
                let base = stack.len() - nargs as usize;
                frames.push(Frame { ret: pc, base });
                stack.resize(base + 8, 0);
                pc = t as usize;
            }
            Op::Ret => {
                let v = stack.pop().unwrap();
                let f = frames.pop().unwrap();
                if f.ret == usize::MAX { return Ok(v); }
                stack.truncate(f.base);
                stack.push(v);
                pc = f.ret;
            }
            Op::Dup => { let v = *stack.last().unwrap(); stack.push(v); }
            Op::Drop => { stack.pop(); }
            Op::Swap => { let n = stack.len(); stack.swap(n - 1, n - 2); }
            Op::MLoad => { let a = stack.pop().unwrap() as usize; stack.push(*mem.get(a).ok_or("bad address")?); }
            Op::MStore => { let a = stack.pop().unwrap() as usize; let v = stack.pop().unwrap(); if a >= mem.len() { mem.resize(a + 1, 0); } mem[a] = v; }
            Op::Halt => return Ok(stack.pop().unwrap_or(0)),
        }
    }
}

/// Assembles text like "push 1; store 1; top: load 0; jz end; ..." into ops (every label
/// prefixes an instruction).
fn assemble(src: &str) -> Vec<Op> {
    let mut labels: Vec<(&str, u16)> = Vec::new();
    let mut n = 0u16;
    let items: Vec<&str> = src.split(';').map(|s| match s.split_once(':') {
        Some((l, rest)) => { labels.push((l.trim(), n)); n += 1; rest.trim() }
        None => { n += 1; s.trim() }
    }).collect();
    let label = |name: &str| labels.iter().find(|(l, _)| *l == name).map(|(_, a)| *a).unwrap();
    let mut out = Vec::new();
    for item in items {
        let mut parts = item.split_whitespace();
        let op = parts.next().unwrap();
        let arg = parts.next();
        let num = || arg.unwrap().parse::<i64>().unwrap();
        out.push(match op {
            "push" => Op::Push(num()),
            "load" => Op::Load(num() as u8),
            "store" => Op::Store(num() as u8),
            "add" => Op::Add, "sub" => Op::Sub, "mul" => Op::Mul, "div" => Op::Div, "rem" => Op::Rem,
            "lt" => Op::Lt, "eq" => Op::Eq, "dup" => Op::Dup, "drop" => Op::Drop, "swap" => Op::Swap,
            "mload" => Op::MLoad, "mstore" => Op::MStore, "ret" => Op::Ret, "halt" => Op::Halt,
            "jmp" => Op::Jmp(label(arg.unwrap())),
            "jz" => Op::Jz(label(arg.unwrap())),
            "call" => Op::Call(label(arg.unwrap()), parts.next().unwrap().parse().unwrap()),
            _ => panic!("unknown op {}", op),
        });
    }
    out
}

const FIB_ITER: &str = "push 0; store 1; push 1; store 2; top: load 0; jz done; load 1; load 2; dup; store 1; add; store 2; load 0; push 1; sub; store 0; jmp top; done: load 1; ret";
const FIB_REC: &str = "load 0; call fib 1; ret; fib: load 0; push 2; lt; jz rec; load 0; ret; rec: load 0; push 1; sub; call fib 1; load 0; push 2; sub; call fib 1; add; ret";
const GCD: &str = "top: load 1; jz done; load 0; load 1; rem; load 1; store 0; store 1; jmp top; done: load 0; ret";

/// Collatz steps of local 0, built directly as ops (no text to assemble).
fn collatz() -> Vec<Op> {
    use Op::*;
    vec![
        Push(0), Store(1),                                      // 0: steps = 0
        Load(0), Push(1), Eq, Jz(8), Load(1), Ret,              // 2: if n == 1 return steps
        Load(1), Push(1), Add, Store(1),                        // 8: steps += 1
        Load(0), Push(2), Rem, Jz(23),                          // 12: even?
        Load(0), Push(3), Mul, Push(1), Add, Store(0), Jmp(2),  // 16: n = 3n + 1
        Load(0), Push(2), Div, Store(0), Jmp(2),                // 23: n = n / 2
    ]
}

/// Counts the primes below local 0 with a sieve in the interpreter's memory.
fn sieve() -> Vec<Op> {
    use Op::*;
    vec![
        Push(2), Store(1),                                      // 0: i = 2
        Load(1), Load(0), Lt, Jz(31),                           // 2: while i < n
        Load(1), MLoad, Jz(10), Jmp(26),                        // 6: composite[i]? next
        Load(1), Load(1), Mul, Store(2),                        // 10: j = i * i
        Load(2), Load(0), Lt, Jz(26),                           // 14: while j < n
        Push(1), Load(2), MStore,                               // 18: composite[j] = 1
        Load(2), Load(1), Add, Store(2), Jmp(14),               // 21: j += i
        Load(1), Push(1), Add, Store(1), Jmp(2),                // 26: i += 1
        Push(0), Store(3), Push(2), Store(1),                   // 31: count = 0, i = 2
        Load(1), Load(0), Lt, Jz(52),                           // 35: while i < n
        Load(1), MLoad, Jz(43), Jmp(47),                        // 39: prime?
        Load(3), Push(1), Add, Store(3),                        // 43: count += 1
        Load(1), Push(1), Add, Store(1), Jmp(35),               // 47: i += 1
        Load(3), Ret,                                           // 52
    ]
}

#[no_mangle]
pub extern "C" fn main() {
    let n = inp32() as i64;
    let a = inp32() as i64;
    let b = inp32() as i64;
    let c = inp32() as i64;
    let mut fuel = 200_000u32;
    let mut mem = vec![0i64; (c as usize % 200) + 2];
    let mut h = Fnv::new();
    let mut codes: Vec<Vec<Op>> = [FIB_ITER, FIB_REC, GCD].iter().map(|p| assemble(p)).collect();
    codes.push(collatz());
    codes.push(sieve());
    for code in &codes { h.bytes(format!("{:?}", code.len()).as_bytes()); }
    let results = [
        run(&codes[0], &[n % 90], &mut mem, &mut fuel),
        run(&codes[1], &[n % 8], &mut mem, &mut fuel),
        run(&codes[2], &[a, b], &mut mem, &mut fuel),
        run(&codes[3], &[c.max(1)], &mut mem, &mut fuel),
        run(&codes[4], &[c % 200], &mut mem, &mut fuel),
        run(&codes[2], &[a, 0], &mut mem, &mut fuel),
        run(&[Op::Push(7), Op::Push(0), Op::Div, Op::Halt], &[], &mut mem, &mut fuel),
    ];
    for r in &results {
        match r { Ok(v) => h.u64(*v as u64), Err(e) => h.bytes(e.as_bytes()) }
    }
    out64(*results[0].as_ref().unwrap() as u64);
    out32(*results[1].as_ref().unwrap() as u32);
    out64(*results[2].as_ref().unwrap() as u64);
    out32(*results[3].as_ref().unwrap() as u32);
    out32(*results[4].as_ref().unwrap() as u32);
    out32(200_000 - fuel);
    out64(h.0);
}
