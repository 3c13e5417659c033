// BTreeMap / BTreeSet: inserts that split nodes (hundreds of keys), removes that merge them,
// the entry API, ordered iteration, range queries, first / last, retain-by-rebuild, and a word
// count over generated text with String keys.
// TAPE: [20, 5]
// TAPE: [12, 99]
// TAPE: [1, 0]
include!("io.rs");
use std::collections::{BTreeMap, BTreeSet};

#[no_mangle]
pub extern "C" fn main() {
    let n = inp32();
    let mut rng = Lcg(inp32() as u64 + 1);
    let mut h = Fnv::new();

    let mut m: BTreeMap<u32, u64> = BTreeMap::new();
    for i in 0..n {
        let k = rng.below(4 * n + 1);
        *m.entry(k).or_insert(0) += i as u64 + 1;
    }
    let distinct = m.len() as u32;
    // remove every key divisible by 3 (node merges)
    let doomed: Vec<u32> = m.keys().copied().filter(|k| k % 3 == 0).collect();
    let mut removed = 0u64;
    for k in &doomed { removed += m.remove(k).unwrap(); }
    for (k, v) in &m { h.u32(*k); h.u64(*v); }
    let in_range: u64 = m.range(n..2 * n).map(|(_, v)| *v).sum();
    let first = m.iter().next().map(|(k, _)| *k).unwrap_or(u32::MAX);
    let last = m.iter().next_back().map(|(k, _)| *k).unwrap_or(u32::MAX);
    if let Some(v) = m.get_mut(&last) { *v *= 2; }
    let total: u64 = m.values().sum();

    // set algebra
    let a: BTreeSet<u32> = (0..n).map(|i| i * 2 % 50).collect();
    let b: BTreeSet<u32> = (0..n).map(|i| i * 3 % 50).collect();
    let inter: Vec<u32> = a.intersection(&b).copied().collect();
    let uni = a.union(&b).count();
    let diff: u32 = a.difference(&b).sum();
    for x in &inter { h.u32(*x); }

    // word count with String keys
    let syll = ["ka", "lo", "mi", "ne", "su", "ta"];
    let mut words: BTreeMap<String, u32> = BTreeMap::new();
    for _ in 0..(n / 2 + 3) {
        let len = 1 + rng.below(2) as usize;
        let mut w = String::new();
        for _ in 0..len { w.push_str(syll[rng.below(6) as usize]); }
        *words.entry(w).or_default() += 1;
    }
    for (w, c) in &words { h.bytes(w.as_bytes()); h.u32(*c); }
    let top = words.iter().max_by_key(|(w, c)| (**c, std::cmp::Reverse((*w).clone()))).map(|(w, _)| w.len()).unwrap_or(0);

    out32(distinct);
    out64(removed);
    out64(in_range ^ (total << 20));
    out32(first ^ (last << 16));
    out32(uni as u32 * 10000 + diff);
    out32(words.len() as u32 * 100 + top as u32);
    out64(h.0);
}
