/* Recursion and indirect calls: N-queens by backtracking, Towers of Hanoi, Ackermann, all
 * permutations by swapping (Heap's algorithm, recursive), mutual recursion (is_even / is_odd
 * over a tree), a recursive-descent walk of a binary tree built in a static pool, subset sums,
 * and a table of function pointers with two signatures (call_indirect).
 * TAPE: [6, 8, 2]
 * TAPE: [4, 5, 1]
 * TAPE: [1, 1, 0]
 */
#include "io.h"

static i32 queens(i32 n, i32 row, u32 cols, u32 d1, u32 d2) {
  if (row == n) return 1;
  i32 count = 0;
  for (i32 c = 0; c < n; c++) {
    u32 a = 1u << c, b = 1u << (row + c), d = 1u << (row - c + n);
    if ((cols & a) || (d1 & b) || (d2 & d)) continue;
    count += queens(n, row + 1, cols | a, d1 | b, d2 | d);
  }
  return count;
}

static u32 moves_hash;
static void hanoi(i32 n, i32 from, i32 to, i32 via) {
  if (!n) return;
  hanoi(n - 1, from, via, to);
  moves_hash = moves_hash * 31 + (u32)(from * 3 + to);
  hanoi(n - 1, via, to, from);
}

static u32 ack(u32 m, u32 n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static i32 perm[10];
static u64 perm_hash;
static u32 perm_count;
static void heap_perm(i32 k) {
  if (k == 1) {
    perm_count++;
    for (i32 i = 0; i < 10 && perm[i]; i++) perm_hash = perm_hash * 131 + (u64)perm[i];
    return;
  }
  heap_perm(k - 1);
  for (i32 i = 0; i < k - 1; i++) {
    i32 j = k % 2 ? 0 : i;
    i32 t = perm[j]; perm[j] = perm[k - 1]; perm[k - 1] = t;
    heap_perm(k - 1);
  }
}

typedef struct Node { struct Node *l, *r; i32 v; } Node;
static Node pool[256];
static i32 npool;
static Node *build(i32 depth, u32 *s) {
  if (depth == 0 || npool >= 256) return 0;
  Node *n = &pool[npool++];
  *s = *s * 1103515245u + 12345u;
  n->v = (i32)(*s >> 16) % 100;
  n->l = build(depth - 1, s);
  n->r = (*s & 0x100) ? build(depth - 2, s) : 0;
  return n;
}
static i32 odd_depth_sum(const Node *n);
static i32 even_depth_sum(const Node *n) { return n ? n->v + odd_depth_sum(n->l) + odd_depth_sum(n->r) : 0; }
static i32 odd_depth_sum(const Node *n) { return n ? -n->v + even_depth_sum(n->l) + even_depth_sum(n->r) : 0; }
static i32 height(const Node *n) {
  if (!n) return 0;
  i32 a = height(n->l), b = height(n->r);
  return 1 + (a > b ? a : b);
}

static i32 subset_sums(const i32 *a, i32 n, i32 target) {
  if (target == 0) return 1;
  if (n == 0 || target < 0) return 0;
  return subset_sums(a + 1, n - 1, target - a[0]) + subset_sums(a + 1, n - 1, target);
}

typedef i64 (*binop)(i64, i64);
typedef i32 (*unop)(i32);
static NOINLINE i64 f_add(i64 a, i64 b) { return a + b; }
static NOINLINE i64 f_mul(i64 a, i64 b) { return a * b; }
static NOINLINE i64 f_sub(i64 a, i64 b) { return a - b; }
static NOINLINE i64 f_pow(i64 a, i64 b) { i64 r = 1; while (b-- > 0) r *= a; return r; }
static NOINLINE i32 g_sq(i32 a) { return a * a; }
static NOINLINE i32 g_neg(i32 a) { return -a; }
static binop const binops[] = {f_add, f_mul, f_sub, f_pow};
static unop const unops[] = {g_sq, g_neg};

PROGRAM_MAIN {
  i32 n = input_i32() % 9;
  i32 h = input_i32() % 12;
  i32 m = input_i32() % 3;
  u64 hash = FNV_INIT;

  i32 q = queens(n, 0, 0, 0, 0);
  moves_hash = 0;
  hanoi(h, 0, 2, 1);
  u32 a = ack((u32)m, (u32)n);
  for (i32 i = 0; i < 10; i++) perm[i] = 0;
  for (i32 i = 0; i < (n > 6 ? 6 : n); i++) perm[i] = i + 1;
  perm_hash = 0, perm_count = 0;
  heap_perm(n > 6 ? 6 : n);
  npool = 0;
  u32 s = (u32)(n * 7 + h);
  Node *root = build(h > 8 ? 8 : h, &s);
  i32 alt = even_depth_sum(root), ht = height(root);
  static const i32 items[] = {3, 34, 4, 12, 5, 2, 7, 9, 11, 1, 8, 6};
  i32 ss = subset_sums(items, 12, 9 + n);
  i64 acc = n;
  for (i32 i = 0; i < 12; i++) {
    acc = binops[(i + m) % 4](acc, i + 1);
    acc = unops[i % 2]((i32)acc);
  }
  hash = fnv32(hash, moves_hash);
  hash = fnv(hash, &perm_hash, 8);

  output_i32(q);
  output_i32((i32)a);
  output_i32((i32)perm_count);
  output_i32(alt * 1000 + ht);
  output_i32(ss * 100 + npool);
  output_i64(acc);
  output_i64((i64)hash);
}
