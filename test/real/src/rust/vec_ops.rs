// Vec: push / pop / extend / insert / remove / dedup / retain / drain / truncate / swap_remove,
// Vec<Vec<_>>, VecDeque as a ring, and slices (windows, chunks, rotate, reverse, contains).
// TAPE: [40, 7]
// TAPE: [90, 123456789]
// TAPE: [0, 1]
include!("io.rs");
use std::collections::VecDeque;

#[no_mangle]
pub extern "C" fn main() {
    let n = inp32();
    let mut rng = Lcg(inp32() as u64);
    let mut h = Fnv::new();

    let mut v: Vec<u32> = Vec::new();
    for _ in 0..n { v.push(rng.below(16)); }
    let mut popped = 0u32;
    while v.len() > (n as usize) / 2 { popped = popped.wrapping_mul(31).wrapping_add(v.pop().unwrap()); }
    v.extend_from_slice(&[3, 3, 3, 9, 9]);
    v.extend((0..n / 4).map(|i| i * 3 % 7));
    v.insert(v.len() / 2, 1000);
    if v.len() > 3 { let r = v.remove(1); h.u32(r); }
    let before = v.len();
    v.dedup();
    h.u32((before - v.len()) as u32);
    v.retain(|&x| x % 3 != 0);
    for &x in &v { h.u32(x); }
    let drained: Vec<u32> = v.drain(..v.len() / 3).collect();
    h.u32(drained.iter().sum::<u32>());
    if !v.is_empty() { let s = v.swap_remove(0); h.u32(s); }
    v.truncate(10);
    v.reverse();
    if v.len() > 2 { v.rotate_left(1); }
    for &x in &v { h.u32(x); }
    h.u32(v.contains(&1000) as u32);

    // windows / chunks over a fresh vector
    let w: Vec<u32> = (0..n + 5).map(|_| rng.below(100)).collect();
    let max_pair = w.windows(2).map(|p| p[0] + p[1]).max().unwrap_or(0);
    let chunk_sums: Vec<u32> = w.chunks(4).map(|c| c.iter().sum()).collect();
    for &c in &chunk_sums { h.u32(c); }

    // a triangle of vectors
    let mut rows: Vec<Vec<u64>> = Vec::new();
    for i in 0..(n % 12 + 3) as usize {
        let mut row = vec![1u64; i + 1];
        for j in 1..i { row[j] = rows[i - 1][j - 1] + rows[i - 1][j]; }
        rows.push(row);
    }
    let last: u64 = rows.last().unwrap().iter().sum();

    // VecDeque as a ring: rotate a Josephus circle
    let m = (n % 17 + 5) as u32;
    let mut ring: VecDeque<u32> = (1..=m).collect();
    let mut order = Vec::with_capacity(m as usize);
    while let Some(front) = ring.pop_front() {
        if ring.len() % 2 == 0 { ring.push_back(front); if let Some(x) = ring.pop_front() { order.push(x); } } else { order.push(front); }
    }
    for &x in &order { h.u32(x); }

    out32(v.len() as u32);
    out32(popped);
    out32(max_pair);
    out64(last);
    out64(h.0);
}
