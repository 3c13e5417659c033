// HashMap / HashSet: std's default RandomState (wasm32-unknown-unknown has no randomness source:
// std uses fixed keys there), and a fixed-seed FNV BuildHasher; growth through rehashing, remove,
// entry, iteration (summed order-independently), String keys and a memoised recursion.
// TAPE: [16, 3]
// TAPE: [10, 77]
// TAPE: [0, 0]
include!("io.rs");
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
struct FnvHasher(u64);
impl Hasher for FnvHasher {
    fn finish(&self) -> u64 { self.0 }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for &b in bytes { h = (h ^ b as u64).wrapping_mul(0x100000001b3); }
        self.0 = h;
    }
}
type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<FnvHasher>>;

fn collatz(n: u64, memo: &mut FnvMap<u64, u32>) -> u32 {
    if n == 1 { return 0; }
    if let Some(&c) = memo.get(&n) { return c; }
    let next = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
    let c = 1 + collatz(next, memo);
    memo.insert(n, c);
    c
}

#[no_mangle]
pub extern "C" fn main() {
    let n = inp32();
    let mut rng = Lcg(inp32() as u64);

    // default hasher
    let mut m: HashMap<u32, u32> = HashMap::new();
    for i in 0..n { *m.entry(rng.below(n / 2 + 1)).or_insert(0) += i; }
    let mut acc = 0u64;
    for (k, v) in &m { acc = acc.wrapping_add((*k as u64 + 1).wrapping_mul(*v as u64 + 7)); }
    for k in 0..n / 4 { m.remove(&k); }
    let left = m.len() as u32;
    let probe: u32 = (0..n).filter(|k| m.contains_key(k)).count() as u32;

    // String keys with the fixed hasher
    let mut words: FnvMap<String, usize> = FnvMap::default();
    for i in 0..n {
        let w = format!("w{}", rng.below(40) + i % 3);
        let len = words.len();
        words.entry(w).or_insert(len);
    }
    let mut wsum = 0u64;
    for (w, idx) in &words { wsum = wsum.wrapping_add(w.len() as u64 * 1000 + *idx as u64); }

    // sets
    let s1: HashSet<u32> = (0..n).map(|i| i * 7 % 31).collect();
    let s2: HashSet<u32> = (0..n).map(|i| i * 5 % 23).collect();
    let both = s1.intersection(&s2).count() as u32;
    let either = s1.union(&s2).count() as u32;

    // memoised recursion
    let mut memo = FnvMap::default();
    let mut best = (0u32, 0u64);
    for x in 1..(n as u64 + 2) {
        let c = collatz(x, &mut memo);
        if c > best.0 { best = (c, x); }
    }

    out64(acc);
    out32(left * 1000 + probe);
    out64(wsum);
    out32(both * 100 + either);
    out64(((best.0 as u64) << 32) | best.1);
    out32(memo.len() as u32);
}
