/* Shared by the C programs of test/real: fixed-width types, the host imports of docs/abi.md
 * (module "env"), the entry point, and a few freestanding helpers (no libc: -nostdlib). */
#ifndef REAL_IO_H
#define REAL_IO_H

typedef signed char i8;
typedef unsigned char u8;
typedef short i16;
typedef unsigned short u16;
typedef int i32;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;
typedef unsigned long usize;

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
IMPORT(input_i32) i32 input_i32(void);
IMPORT(input_i64) i64 input_i64(void);
IMPORT(output_i32) void output_i32(i32 x);
IMPORT(output_i64) void output_i64(i64 x);

/* The entry: a C function exported as "main" (a C `main` would get clang's argc/argv wrapper). */
#define PROGRAM_MAIN __attribute__((export_name("main"))) void program_main(void)
#define NOINLINE __attribute__((noinline))

static u32 rng_state;
static inline u32 rng(void) {
  rng_state = rng_state * 1103515245u + 12345u;
  return rng_state >> 8;
}

static inline u64 fnv(u64 h, const void *p, usize n) {
  const u8 *b = (const u8 *)p;
  for (usize i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}
static inline u64 fnv32(u64 h, u32 x) { return fnv(h, &x, 4); }
#define FNV_INIT 0xcbf29ce484222325ull

static inline usize str_len(const char *s) { usize n = 0; while (s[n]) n++; return n; }

#endif
