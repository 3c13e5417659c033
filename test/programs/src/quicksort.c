/* Recursive quicksort (Hoare partition, middle pivot) of 200 signed ints from an LCG, then of
 * 100 ints with many duplicates; and a stable insertion sort of structs through a comparator
 * function pointer (the libc qsort shape: call_indirect, byte-wise element swaps). Checked:
 * sortedness, sum and xor unchanged, and min / median / max / weighted sums computed by an
 * independent implementation (Python's sorted) of the same LCG stream. */
#include "common.h"

static u32 seed;
static u32 lcg(void) {
  seed = seed * 1103515245u + 12345u;
  return seed;
}

static void quicksort(i32 *a, i32 lo, i32 hi) {
  if (lo >= hi) return;
  i32 pivot = a[lo + (hi - lo) / 2];
  i32 i = lo - 1, j = hi + 1;
  for (;;) {
    do i++; while (a[i] < pivot);
    do j--; while (a[j] > pivot);
    if (i >= j) break;
    i32 t = a[i]; a[i] = a[j]; a[j] = t;
  }
  quicksort(a, lo, j);
  quicksort(a, j + 1, hi);
}

static void check_sorted(const i32 *a, i32 n) {
  i32 ok = 1;
  for (i32 i = 1; i < n; i++)
    if (a[i - 1] > a[i]) ok = 0;
  assert_eq_i32(ok, 1);
}

static i64 weighted(const i32 *a, i32 n) {
  i64 w = 0;
  for (i32 i = 0; i < n; i++) w += (i64)(i + 1) * a[i];
  return w;
}

typedef struct {
  u8 key;
  u8 pad;
  u16 id;
} Item;

typedef i32 (*Compare)(const void *, const void *);

static i32 by_key(const void *x, const void *y) {
  return (i32)((const Item *)x)->key - (i32)((const Item *)y)->key;
}

static i32 by_key_desc(const void *x, const void *y) { return by_key(y, x); }

/* generic stable insertion sort over `size`-byte elements */
static void isort(void *base, usize n, usize size, Compare cmp) {
  u8 *b = (u8 *)base;
  for (usize i = 1; i < n; i++) {
    for (usize j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--) {
      u8 *p = b + (j - 1) * size, *q = b + j * size;
      for (usize k = 0; k < size; k++) { u8 t = p[k]; p[k] = q[k]; q[k] = t; }
    }
  }
}

static i32 arr[200];
static i32 dup[100];
static Item items[24];

PROGRAM_MAIN {
  seed = opq32(2024);
  i64 sum = 0;
  u32 x = 0;
  for (i32 i = 0; i < 200; i++) {
    arr[i] = (i32)(lcg() >> 1) - 0x40000000;
    sum += arr[i];
    x ^= (u32)arr[i];
  }
  assert_eq_i64(sum, -816586552LL);
  assert_eq_i32((i32)x, (i32)0xdee3c28cu);

  quicksort(arr, 0, 199);
  check_sorted(arr, 200);
  i64 sum2 = 0;
  u32 x2 = 0;
  for (i32 i = 0; i < 200; i++) { sum2 += arr[i]; x2 ^= (u32)arr[i]; }
  assert_eq_i64(sum2, sum);
  assert_eq_i32((i32)x2, (i32)x);
  assert_eq_i32(arr[0], -1070541284);
  assert_eq_i32(arr[100], -7954131);
  assert_eq_i32(arr[199], 1073097017);
  assert_eq_i64(weighted(arr, 200), 7051830138195LL);

  i32 dsum = 0;
  for (i32 i = 0; i < 100; i++) { dup[i] = (i32)((lcg() >> 16) % 7) - 3; dsum += dup[i]; }
  assert_eq_i32(dsum, -22);
  quicksort(dup, 0, 99);
  check_sorted(dup, 100);
  assert_eq_i64(weighted(dup, 100), 4194);
  i32 count_zero = 0;
  for (i32 i = 0; i < 100; i++) count_zero += dup[i] == 0;
  assert_eq_i32(count_zero, 16);

  for (i32 i = 0; i < 24; i++) {
    items[i].key = (u8)((lcg() >> 24) % 16);
    items[i].pad = 0xAA;
    items[i].id = (u16)i;
  }
  Compare cmps[2] = { by_key_desc, by_key };
  /* sort descending first, then ascending: stability must restore id order within a key */
  isort(items, 24, sizeof(Item), cmps[opq32(0)]);
  for (i32 i = 1; i < 24; i++) assert_eq_i32(items[i - 1].key >= items[i].key, 1);
  isort(items, 24, sizeof(Item), cmps[opq32(1)]);
  i64 w = 0;
  for (i32 i = 0; i < 24; i++) w += (i64)(i + 1) * (items[i].key * 100 + items[i].id);
  assert_eq_i64(w, 298581);
  for (i32 i = 0; i < 24; i++) assert_eq_i32(items[i].pad, 0xAA);
}
