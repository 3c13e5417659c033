// The panic paths: with -C panic=abort every panic ends in `unreachable` (a trap). The first tape
// word chooses: 0 no panic, 1 an out-of-bounds index, 2 an explicit panic! with a formatted
// message, 3 unwrap on None, 4 a RefCell double borrow, 5 a division by zero (Rust's check, not
// the wasm trap), 6 slicing a str off a char boundary, 7 an overflowing add in debug builds only
// (opt-level 0 has overflow checks; the others wrap). Outputs appended before the trap stay.
// TAPE: [0, 5] EXPECT pass
// TAPE: [1, 9] EXPECT trap
// TAPE: [2, 3] EXPECT trap
// TAPE: [3, 4] EXPECT trap
// TAPE: [4, 1] EXPECT trap
// TAPE: [5, 0] EXPECT trap
// TAPE: [6, 1] EXPECT trap
// TAPE: [7, 4294967295]
include!("io.rs");
use std::cell::RefCell;

#[no_mangle]
pub extern "C" fn main() {
    let what = inp32();
    let arg = inp32();
    let v: Vec<u32> = (0..5).map(|i| i * 10 + arg).collect();
    out32(v.iter().sum());
    let r = match what {
        1 => v[arg as usize],
        2 => { if arg > 2 { panic!("arg {} is too large (max {})", arg, 2) } arg }
        3 => { let found = v.iter().find(|x| **x == arg + 1000); *found.unwrap() }
        4 => { let c = RefCell::new(arg); let b1 = c.borrow_mut(); let b2 = c.borrow_mut(); *b1 + *b2 }
        5 => 100 / arg,
        6 => { let s = String::from("h\u{e9}llo"); s[..arg as usize + 1].len() as u32 }
        7 => arg + v[0],
        _ => v[arg as usize % 5],
    };
    out32(r);
}
