/* memory.size / memory.grow: the module starts with 2 pages (--initial-memory=131072) and may
 * grow to 4 (--max-memory below). Checks the sizes, the old size returned by a successful grow,
 * -1 from a grow past the maximum (which must leave the size unchanged), grow(0), that fresh
 * pages read as zero, and that the new pages are usable with loads and stores of every width,
 * up to the very last byte. */
// LDFLAGS: -Wl,--max-memory=262144
#include "common.h"

#define PAGE 65536u

static usize size(void) { return __builtin_wasm_memory_size(0); }
static usize grow(usize pages) { return __builtin_wasm_memory_grow(0, pages); }

static u32 sum_bytes(const u8 *p, usize n) {
  u32 s = 0;
  for (usize i = 0; i < n; i++) s += p[i];
  return s;
}

PROGRAM_MAIN {
  assert_eq_i32((i32)size(), 2);
  assert_eq_i32((i32)grow(opq32(0)), 2);
  assert_eq_i32((i32)grow(opq32(3)), -1); /* 2 + 3 > 4 */
  assert_eq_i32((i32)size(), 2);
  assert_eq_i32((i32)grow(opq32(1)), 2);
  assert_eq_i32((i32)size(), 3);

  u8 *page2 = (u8 *)opqp((void *)(2 * PAGE));
  assert_eq_i32((i32)sum_bytes(page2, 64), 0);
  assert_eq_i32((i32)sum_bytes(page2 + PAGE - 64, 64), 0);
  page2[0] = 0x7F;
  page2[PAGE - 1] = 0x80;
  *(u64 *)(page2 + 8) = 0x0123456789ABCDEFull;
  *(u32 *)(page2 + PAGE - 8) = 0xCAFEBABEu;
  *(u16 *)(page2 + PAGE - 4) = 0xBEEF;
  assert_eq_i32(page2[0], 0x7F);
  assert_eq_i32(((i8 *)page2)[PAGE - 1], -128);
  assert_eq_i64(*(i64 *)(page2 + 8), 0x0123456789ABCDEFLL);
  assert_eq_i32(*(i32 *)(page2 + PAGE - 8), (i32)0xCAFEBABEu);
  assert_eq_i32(*(u16 *)(page2 + PAGE - 4), 0xBEEF);

  assert_eq_i32((i32)grow(opq32(2)), -1); /* 3 + 2 > 4 */
  assert_eq_i32((i32)grow(opq32(0xFFFFFFFFu)), -1);
  assert_eq_i32((i32)size(), 3);
  assert_eq_i32((i32)grow(opq32(1)), 3);
  assert_eq_i32((i32)size(), 4);
  assert_eq_i32((i32)grow(opq32(1)), -1); /* at the maximum */
  assert_eq_i32((i32)grow(opq32(0)), 4);

  /* the last page, up to its last byte; the earlier pages are untouched */
  u8 *page3 = (u8 *)opqp((void *)(3 * PAGE));
  __builtin_memset(page3 + PAGE - 100, 0x11, 100);
  assert_eq_i32((i32)sum_bytes(page3 + PAGE - 128, 128), 100 * 0x11);
  assert_eq_i32(page3[PAGE - 1], 0x11);
  assert_eq_i32(page2[PAGE - 1], 0x80);
  __builtin_memcpy(page3, page2 + PAGE - 8, 8);
  assert_eq_i64(*(i64 *)page3, (i64)0x8000BEEFCAFEBABEull);
}
