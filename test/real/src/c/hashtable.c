/* An open-addressing hash table with string keys (FNV-1a, linear probing, tombstones on delete,
 * doubling when 3/4 full) on a bump allocator, plus a chained integer table with a free list:
 * inserts, lookups, updates, deletes, re-inserts, and iteration in slot order.
 * TAPE: [200, 1]
 * TAPE: [50, 99]
 * TAPE: [0, 5]
 */
#include "io.h"

static u8 heap[1 << 15];
static usize heap_top;
static void *bump(usize n) {
  n = (n + 7) & ~(usize)7;
  if (heap_top + n > sizeof heap) __builtin_trap();
  void *p = heap + heap_top;
  heap_top += n;
  return p;
}

typedef struct { const char *key; u32 len; i32 value; u8 state; /* 0 empty 1 full 2 dead */ } Slot;
typedef struct { Slot *slots; u32 cap, used, live; } Table;

static u32 hash_str(const char *s, u32 n) {
  u32 h = 2166136261u;
  for (u32 i = 0; i < n; i++) h = (h ^ (u8)s[i]) * 16777619u;
  return h;
}
static i32 key_eq(const Slot *s, const char *k, u32 n) {
  if (s->len != n) return 0;
  for (u32 i = 0; i < n; i++) if (s->key[i] != k[i]) return 0;
  return 1;
}
static void table_init(Table *t, u32 cap) {
  t->slots = bump(cap * sizeof(Slot));
  __builtin_memset(t->slots, 0, cap * sizeof(Slot));
  t->cap = cap, t->used = 0, t->live = 0;
}
static Slot *find(Table *t, const char *k, u32 n, i32 for_insert) {
  u32 mask = t->cap - 1, i = hash_str(k, n) & mask;
  Slot *grave = 0;
  for (;;) {
    Slot *s = &t->slots[i];
    if (s->state == 0) return for_insert ? (grave ? grave : s) : 0;
    if (s->state == 2) { if (!grave) grave = s; }
    else if (key_eq(s, k, n)) return s;
    i = (i + 1) & mask;
  }
}
static void put(Table *t, const char *k, u32 n, i32 v);
static void grow(Table *t) {
  Table old = *t;
  table_init(t, old.cap * 2);
  for (u32 i = 0; i < old.cap; i++) if (old.slots[i].state == 1) put(t, old.slots[i].key, old.slots[i].len, old.slots[i].value);
}
static void put(Table *t, const char *k, u32 n, i32 v) {
  if ((t->used + 1) * 4 > t->cap * 3) grow(t);
  Slot *s = find(t, k, n, 1);
  if (s->state == 1) { s->value = v; return; }
  if (s->state == 0) t->used++;
  s->key = k, s->len = n, s->value = v, s->state = 1;
  t->live++;
}
static i32 del(Table *t, const char *k, u32 n) {
  Slot *s = find(t, k, n, 0);
  if (!s) return 0;
  s->state = 2;
  t->live--;
  return 1;
}

/* chained table of u32 -> u32 */
typedef struct Node { u32 key, val; struct Node *next; } Node;
static Node *buckets[64];
static Node *free_list;
static void cput(u32 k, u32 v) {
  Node **b = &buckets[(k * 2654435761u) >> 26];
  for (Node *p = *b; p; p = p->next) if (p->key == k) { p->val += v; return; }
  Node *nd = free_list ? free_list : bump(sizeof(Node));
  if (free_list) free_list = free_list->next;
  nd->key = k, nd->val = v, nd->next = *b;
  *b = nd;
}
static i32 cdel(u32 k) {
  for (Node **pp = &buckets[(k * 2654435761u) >> 26]; *pp; pp = &(*pp)->next)
    if ((*pp)->key == k) { Node *d = *pp; *pp = d->next; d->next = free_list; free_list = d; return 1; }
  return 0;
}

PROGRAM_MAIN {
  u32 n = (u32)input_i32() % 2000;
  rng_state = (u32)input_i32();
  u64 h = FNV_INIT;
  Table t;
  table_init(&t, 8);
  char **keys = bump((n + 1) * sizeof(char *));
  u32 *lens = bump((n + 1) * sizeof(u32));
  for (u32 i = 0; i < n; i++) {
    u32 len = 1 + rng() % 6;
    char *k = bump(len);
    for (u32 j = 0; j < len; j++) k[j] = (char)('a' + rng() % 3);
    keys[i] = k, lens[i] = len;
    Slot *s = find(&t, k, len, 0);
    put(&t, k, len, (s ? s->value : 0) + (i32)i + 1);
  }
  u32 deleted = 0;
  for (u32 i = 0; i < n; i += 3) deleted += (u32)del(&t, keys[i], lens[i]);
  u32 found = 0;
  i64 sum = 0;
  for (u32 i = 0; i < n; i++) { Slot *s = find(&t, keys[i], lens[i], 0); if (s) found++, sum += s->value; }
  for (u32 i = 0; i < n; i += 5) put(&t, keys[i], lens[i], -(i32)i);
  for (u32 i = 0; i < t.cap; i++) if (t.slots[i].state == 1) { h = fnv(h, t.slots[i].key, t.slots[i].len); h = fnv32(h, (u32)t.slots[i].value); }

  for (u32 i = 0; i < n; i++) cput(rng() % (n / 2 + 1), i);
  u32 cdeleted = 0;
  for (u32 k = 0; k < n / 2; k += 2) cdeleted += (u32)cdel(k);
  for (u32 i = 0; i < n / 4; i++) cput(i * 7, 1);
  u64 csum = 0;
  u32 chain_max = 0;
  for (u32 b = 0; b < 64; b++) {
    u32 len = 0;
    for (Node *p = buckets[b]; p; p = p->next) { csum += (u64)p->key * 131 + p->val; len++; }
    if (len > chain_max) chain_max = len;
  }

  output_i32((i32)(t.live * 1000 + deleted));
  output_i32((i32)(t.cap * 10000 + found));
  output_i64(sum);
  output_i64((i64)h);
  output_i64((i64)(csum * 100 + cdeleted));
  output_i32((i32)(chain_max | heap_top << 8));
}
