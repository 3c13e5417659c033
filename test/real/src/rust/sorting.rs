// Sorting: the stable merge sort (sort, sort_by, sort_by_key: more than 20 elements, so runs are
// merged), pdqsort (sort_unstable, sort_unstable_by), on integers, structs by several keys and
// Strings; stability checked; binary_search, dedup_by_key, select_nth_unstable, is_sorted-by-hand.
// TAPE: [21, 11]
// TAPE: [22, 2024]
// TAPE: [3, 1]
include!("io.rs");

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rec { group: u8, score: i32, name: String, seq: u32 }

fn sorted_by<T, F: Fn(&T, &T) -> bool>(v: &[T], le: F) -> bool { v.windows(2).all(|w| le(&w[0], &w[1])) }

#[no_mangle]
pub extern "C" fn main() {
    let n = inp32() as usize;
    let mut rng = Lcg(inp32() as u64);
    let mut h = Fnv::new();
    let mut ok = 0u32;
    let mut bit = 0;
    let mut check = |c: bool| { ok |= (c as u32) << bit; bit += 1; };

    let ints: Vec<i32> = (0..n).map(|_| rng.next() as i32 % 1000).collect();
    let mut a = ints.clone();
    a.sort();
    check(sorted_by(&a, |x, y| x <= y));
    let mut b = ints.clone();
    b.sort_unstable();
    check(a == b);
    let mut c = ints.clone();
    c.sort_by(|x, y| y.cmp(x));
    check(sorted_by(&c, |x, y| x >= y));
    let mut d = ints.clone();
    d.sort_unstable_by_key(|x| (x.rem_euclid(10), *x));
    for x in &d { h.u32(*x as u32); }
    let found = a.binary_search(&ints[n / 2]).is_ok();
    check(found || n == 0);
    let missing = a.binary_search(&5000).unwrap_err();
    check(missing == n);

    // structs: stable sort by group keeps seq order inside each group
    let names = ["ash", "birch", "cedar", "elm", "fir", "oak", "pine", "yew"];
    let recs: Vec<Rec> = (0..n as u32)
        .map(|i| Rec { group: rng.below(4) as u8, score: rng.below(50) as i32 - 25, name: format!("{}{}", names[rng.below(8) as usize], rng.below(3)), seq: i })
        .collect();
    let mut by_group = recs.clone();
    by_group.sort_by_key(|r| r.group);
    check(by_group.windows(2).all(|w| w[0].group < w[1].group || (w[0].group == w[1].group && w[0].seq < w[1].seq)));
    let mut by_all = recs.clone();
    by_all.sort(); // derived Ord: group, score, name, seq
    check(sorted_by(&by_all, |x, y| x <= y));
    let mut by_name = recs.clone();
    by_name.sort_by(|x, y| x.name.cmp(&y.name).then(y.score.cmp(&x.score)));
    for r in &by_name { h.bytes(r.name.as_bytes()); h.u32(r.seq); }
    let mut unst = recs.clone();
    unst.sort_unstable_by(|x, y| (x.score, &x.name, x.seq).cmp(&(y.score, &y.name, y.seq)));
    for r in &unst { h.u32(r.seq); }

    // strings
    let mut strs: Vec<String> = recs.iter().map(|r| format!("{}-{:02}", r.name, r.score.unsigned_abs())).collect();
    strs.sort_unstable();
    strs.dedup();
    for s in &strs { h.bytes(s.as_bytes()); }
    let mut lens: Vec<&str> = strs.iter().map(|s| s.as_str()).collect();
    lens.sort_by_key(|s| std::cmp::Reverse(s.len())); // stable: the longest, first in byte order

    // selection
    let mut f = ints.clone();
    let median = if n > 0 { *f.select_nth_unstable(n / 2).1 } else { 0 };
    let mut g = ints.clone();
    g.dedup_by_key(|x| *x / 100);

    out32(ok);
    out32(median as u32);
    out32(strs.len() as u32 * 1000 + g.len() as u32);
    out32(lens.first().map(|s| s.len()).unwrap_or(0) as u32);
    out64(h.0);
}
