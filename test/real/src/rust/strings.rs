// String and format!: integers of every width in decimal, hex, octal, binary, with width, fill,
// alignment, sign and `#`; {:?} of strings (escapes), slices, Options and tuples; push_str,
// char iteration, split / trim / replace / to_uppercase / parse, and write! into a String.
// TAPE: [12345, -42, 9]
// TAPE: [0, 2147483647, 30]
// TAPE: [4294967295, -9223372036854775808, 0]
include!("io.rs");
use std::fmt::Write;

#[derive(Debug)]
#[allow(dead_code)]
struct Point { x: i32, y: i32 }

#[no_mangle]
pub extern "C" fn main() {
    let a = inp32();
    let b = inp64() as i64;
    let k = inp32() as usize;
    let mut h = Fnv::new();
    let mut total = 0usize;
    let mut emit = |s: &str| { total += s.len(); h.bytes(s.as_bytes()); h.byte(0); };

    emit(&format!("{}", a));
    emit(&format!("{} {} {}", b, a as i32, a as u8));
    emit(&format!("[{:>10}] [{:<10}] [{:^10}] [{:*^9}]", a, a % 1000, a % 77, a % 5));
    emit(&format!("{:08x} {:#x} {:X} {:#o} {:b} {:#010b}", a, a, b, a & 0o777, a & 0xff, a & 0x3f));
    emit(&format!("{:+} {:+} {:05} {:<5}|", b, a as i64, a % 100, -(a as i64 % 100)));
    emit(&format!("{:x} {:?} {:?}", b as u64, b as i16, (a as u16, b as i8)));
    emit(&format!("{:?} {:?} {:#?}", Some(a), None::<u32>, Point { x: a as i32, y: b as i32 }));
    emit(&format!("{:?}", "tab\there \"quoted\" \\ \u{e9}\u{1F600}\n"));
    emit(&format!("{:?}", &[a % 10, a % 100, a % 1000][..]));
    emit(&format!("{:>w$}|{:.3}|{:.*}", "r", "truncated", 2, "ab-cd", w = k % 20));

    // building strings
    let mut s = String::with_capacity(4);
    for i in 0..(k as u32 + 5) {
        s.push(char::from(b'a' + (a.wrapping_add(i) % 26) as u8));
        if i % 4 == 3 { s.push_str(", "); }
    }
    emit(&s);
    let words: Vec<&str> = s.split(", ").filter(|w| !w.is_empty()).collect();
    let joined = words.iter().rev().map(|w| w.to_uppercase()).collect::<Vec<_>>().join("-");
    emit(&joined);
    let replaced = s.replace("a", "<A>").trim_end_matches(", ").to_string();
    emit(&replaced);
    let mut w = String::new();
    for (i, word) in words.iter().enumerate() { write!(w, "{}:{};", i, word.len()).unwrap(); }
    emit(&w);
    let chars = s.chars().filter(|c| c.is_alphabetic()).count();
    let vowels = s.chars().filter(|c| "aeiou".contains(*c)).count();

    // parse back what was formatted
    let dec = format!("{}", b);
    let parsed: i64 = dec.parse().unwrap();
    let hexs = format!("{:x}", a);
    let back = u32::from_str_radix(&hexs, 16).unwrap();
    let bad = "12x".parse::<u32>().is_err();
    let utf = "h\u{e9}llo w\u{f6}rld \u{1F600}";
    let n_chars = utf.chars().count();
    let rev: String = utf.chars().rev().collect();
    emit(&rev);
    let n_bytes = utf.len();

    out32(total as u32);
    out32(chars as u32 * 1000 + vowels as u32);
    out32((parsed == b) as u32 + 2 * (back == a) as u32 + 4 * bad as u32);
    out32((n_chars * 100 + n_bytes) as u32);
    out64(h.0);
}
