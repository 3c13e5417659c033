/* Shared by every program in test/programs/src: fixed-width types, the host imports our
 * compiler accepts (module "env"), and helpers that hide constants from the optimiser.
 * Freestanding: no libc, no headers. */
#ifndef W2Z_COMMON_H
#define W2Z_COMMON_H

typedef signed char i8;
typedef unsigned char u8;
typedef short i16;
typedef unsigned short u16;
typedef int i32;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;
typedef unsigned long usize; /* 32 bits on wasm32 */

#define INT32_MIN_ (-2147483647 - 1)
#define INT64_MIN_ (-9223372036854775807LL - 1)

/* The only host functions: each traps the run (fails the test) when its arguments differ. */
__attribute__((import_module("env"), import_name("assert_eq_i32"))) void assert_eq_i32(i32 got, i32 want);
__attribute__((import_module("env"), import_name("assert_eq_i64"))) void assert_eq_i64(i64 got, i64 want);
__attribute__((import_module("env"), import_name("assert_eq"))) void assert_eq(i32 got, i32 want);

/* Entry point: a C function exported under the name "main" (a C `main` would be renamed by
 * clang's wasm ABI handling). */
#define PROGRAM_MAIN __attribute__((export_name("main"))) void program_main(void)

#define NOINLINE __attribute__((noinline))

/* Values routed through a volatile slot: the optimiser cannot see them, so -O2 keeps the
 * computation (and the interesting instructions) instead of folding it to a constant. */
static inline u32 opq32(u32 x) { volatile u32 v = x; return v; }
static inline u64 opq64(u64 x) { volatile u64 v = x; return v; }
static inline void *opqp(void *p) { void *volatile v = p; return v; }

#endif
