/* Sorting through function pointers, libc style: a generic qsort (median-of-three quicksort over
 * bytes, insertion sort below 8 elements) taking an element size and a comparator, a merge sort
 * with a scratch buffer, and a heap sort; on ints, on structs by several keys (one comparator per
 * key, picked from a table: call_indirect) and on strings. Checked for sortedness and stability.
 * TAPE: [40, 7]
 * TAPE: [30, 123456]
 * TAPE: [1, 0]
 */
#include "io.h"

typedef i32 (*cmp_fn)(const void *, const void *);

static void swap_bytes(u8 *a, u8 *b, usize size) {
  while (size--) { u8 t = *a; *a++ = *b; *b++ = t; }
}

static void gsort(void *base, usize n, usize size, cmp_fn cmp) {
  u8 *a = (u8 *)base;
  while (n > 8) {
    usize mid = n / 2;
    u8 *lo = a, *m = a + mid * size, *hi = a + (n - 1) * size;
    if (cmp(m, lo) < 0) swap_bytes(m, lo, size);
    if (cmp(hi, m) < 0) { swap_bytes(hi, m, size); if (cmp(m, lo) < 0) swap_bytes(m, lo, size); }
    swap_bytes(m, a, size); /* pivot to the front */
    usize i = 1, j = n - 1;
    for (;;) {
      while (i <= j && cmp(a + i * size, a) < 0) i++;
      while (j >= i && cmp(a + j * size, a) > 0) j--;
      if (i >= j) break;
      swap_bytes(a + i * size, a + j * size, size);
      i++, j--;
    }
    swap_bytes(a, a + j * size, size);
    /* recurse on the smaller side, loop on the larger */
    if (j < n - j - 1) { gsort(a, j, size, cmp); a += (j + 1) * size; n -= j + 1; }
    else { gsort(a + (j + 1) * size, n - j - 1, size, cmp); n = j; }
  }
  for (usize i = 1; i < n; i++)
    for (usize j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
      swap_bytes(a + (j - 1) * size, a + j * size, size);
}

static u8 scratch[8192];
static void msort(u8 *a, usize n, usize size, cmp_fn cmp) {
  if (n < 2) return;
  usize h = n / 2;
  msort(a, h, size, cmp);
  msort(a + h * size, n - h, size, cmp);
  usize i = 0, j = h, k = 0;
  while (i < h && j < n) {
    const u8 *src = cmp(a + j * size, a + i * size) < 0 ? a + j++ * size : a + i++ * size;
    __builtin_memcpy(scratch + k++ * size, src, size);
  }
  while (i < h) __builtin_memcpy(scratch + k++ * size, a + i++ * size, size);
  while (j < n) __builtin_memcpy(scratch + k++ * size, a + j++ * size, size);
  __builtin_memcpy(a, scratch, n * size);
}

static void sift(i32 *a, usize i, usize n) {
  for (;;) {
    usize c = 2 * i + 1;
    if (c >= n) return;
    if (c + 1 < n && a[c + 1] > a[c]) c++;
    if (a[i] >= a[c]) return;
    i32 t = a[i]; a[i] = a[c]; a[c] = t;
    i = c;
  }
}
static void heapsort(i32 *a, usize n) {
  for (usize i = n / 2; i-- > 0;) sift(a, i, n);
  for (usize e = n; e-- > 1;) { i32 t = a[0]; a[0] = a[e]; a[e] = t; sift(a, 0, e); }
}

typedef struct { u8 dept; i16 score; u32 id; char name[6]; } Emp;

static i32 cmp_int(const void *x, const void *y) { i32 a = *(const i32 *)x, b = *(const i32 *)y; return (a > b) - (a < b); }
static i32 cmp_int_desc(const void *x, const void *y) { return cmp_int(y, x); }
static i32 cmp_dept(const void *x, const void *y) { return ((const Emp *)x)->dept - ((const Emp *)y)->dept; }
static i32 cmp_score(const void *x, const void *y) { return ((const Emp *)x)->score - ((const Emp *)y)->score; }
static i32 cmp_name(const void *x, const void *y) {
  const char *a = ((const Emp *)x)->name, *b = ((const Emp *)y)->name;
  for (i32 i = 0; i < 6; i++) if (a[i] != b[i]) return (u8)a[i] - (u8)b[i];
  return 0;
}
static i32 cmp_str(const void *x, const void *y) {
  const char *a = *(const char *const *)x, *b = *(const char *const *)y;
  while (*a && *a == *b) a++, b++;
  return (u8)*a - (u8)*b;
}
static const cmp_fn emp_cmps[] = {cmp_dept, cmp_score, cmp_name};

static i32 ints[512], ints2[512], ints3[512];
static Emp emps[256];
static char strbuf[256 * 8];
static const char *strs[256];

PROGRAM_MAIN {
  u32 n = (u32)input_i32() % 256;
  rng_state = (u32)input_i32();
  u64 h = FNV_INIT;
  u32 ok = 0;

  for (u32 i = 0; i < n; i++) ints[i] = ints2[i] = ints3[i] = (i32)(rng() % 2000) - 1000;
  gsort(ints, n, sizeof(i32), cmp_int);
  msort((u8 *)ints2, n, sizeof(i32), cmp_int_desc);
  heapsort(ints3, n);
  u32 sorted = 1;
  for (u32 i = 1; i < n; i++) sorted &= ints[i - 1] <= ints[i] && ints2[i - 1] >= ints2[i] && ints3[i] == ints[i];
  ok |= sorted;
  for (u32 i = 0; i < n; i++) h = fnv32(h, (u32)ints[i] ^ (u32)ints2[n - 1 - i]);

  static const char syl[][3] = {"ka", "ri", "to", "me", "su", "no"};
  for (u32 i = 0; i < n; i++) {
    emps[i].dept = (u8)(rng() % 5);
    emps[i].score = (i16)(rng() % 200 - 100);
    emps[i].id = i;
    for (i32 k = 0; k < 3; k++) { const char *s = syl[rng() % 6]; emps[i].name[2 * k] = s[0]; emps[i].name[2 * k + 1] = s[1]; }
  }
  /* stable multi-key sort: merge sort by each key, least significant first */
  for (i32 k = 2; k >= 0; k--) msort((u8 *)emps, n, sizeof(Emp), emp_cmps[k]);
  u32 stable = 1;
  for (u32 i = 1; i < n; i++) {
    i32 c = 0;
    for (i32 k = 0; k < 3 && c == 0; k++) c = emp_cmps[k](&emps[i - 1], &emps[i]);
    stable &= c < 0 || (c == 0 && emps[i - 1].id < emps[i].id);
  }
  ok |= stable << 1;
  for (u32 i = 0; i < n; i++) h = fnv32(h, emps[i].id);
  gsort(emps, n, sizeof(Emp), cmp_score);
  u32 by_score = 1;
  for (u32 i = 1; i < n; i++) by_score &= emps[i - 1].score <= emps[i].score;
  ok |= by_score << 2;

  for (u32 i = 0; i < n; i++) {
    char *s = strbuf + i * 8;
    u32 len = 1 + rng() % 7;
    for (u32 k = 0; k < len; k++) s[k] = (char)('a' + rng() % 4);
    s[len] = 0;
    strs[i] = s;
  }
  gsort(strs, n, sizeof(char *), cmp_str);
  u32 strs_sorted = 1;
  for (u32 i = 1; i < n; i++) strs_sorted &= cmp_str(&strs[i - 1], &strs[i]) <= 0;
  ok |= strs_sorted << 3;
  for (u32 i = 0; i < n; i++) h = fnv(h, strs[i], str_len(strs[i]));

  output_i32((i32)ok);
  output_i32(n ? ints[n / 2] : 0);
  output_i32(n ? emps[0].score * 1000 + emps[n - 1].score : 0);
  output_i64((i64)h);
}
