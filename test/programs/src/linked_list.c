/* Pointer-heavy code on static arenas: a circular doubly linked list with a sentinel and a free
 * list (insert in key order, stable for equal keys; remove by predicate; nodes reused; reverse
 * by swapping links), and a binary search tree whose children are 16-bit arena indices (insert
 * ignoring duplicates, recursive height, in-order walk with an explicit stack, and lookups).
 * Expected values come from an independent Python model of the same LCG stream. */
#include "common.h"

typedef struct Node {
  i32 key;
  u32 val;
  struct Node *prev, *next;
} Node;

static Node arena[128];
static Node *free_list;
static Node head; /* sentinel: head.next is the first node */

static void arena_init(void) {
  free_list = 0;
  for (i32 i = 127; i >= 0; i--) { arena[i].next = free_list; free_list = &arena[i]; }
  head.prev = head.next = &head;
}

static Node *alloc(void) {
  Node *n = free_list;
  if (n) free_list = n->next;
  return n;
}

static void release(Node *n) { n->next = free_list; free_list = n; }

static void insert_sorted(i32 key, u32 val) {
  Node *n = alloc();
  n->key = key;
  n->val = val;
  Node *at = head.next;
  while (at != &head && at->key <= key) at = at->next;
  n->next = at;
  n->prev = at->prev;
  at->prev->next = n;
  at->prev = n;
}

typedef i32 (*Pred)(const Node *);
static i32 divisible_by_3(const Node *n) { return n->key % 3 == 0; }

static u32 remove_if(Pred p) {
  u32 removed = 0;
  for (Node *n = head.next; n != &head;) {
    Node *next = n->next;
    if (p(n)) {
      n->prev->next = n->next;
      n->next->prev = n->prev;
      release(n);
      removed++;
    }
    n = next;
  }
  return removed;
}

static void reverse(void) {
  Node *n = &head;
  do {
    Node *t = n->next;
    n->next = n->prev;
    n->prev = t;
    n = t;
  } while (n != &head);
}

static u32 count_free(void) {
  u32 c = 0;
  for (Node *n = free_list; n; n = n->next) c++;
  return c;
}

typedef struct {
  i32 key;
  u16 left, right; /* arena indices, 0 = none */
} Tree;

static Tree tree[80];
static u16 tree_used = 1; /* slot 0 is "none" */

static u16 tree_insert(u16 root, i32 key) {
  if (!root) {
    u16 t = tree_used++;
    tree[t].key = key;
    tree[t].left = tree[t].right = 0;
    return t;
  }
  if (key < tree[root].key) tree[root].left = tree_insert(tree[root].left, key);
  else if (key > tree[root].key) tree[root].right = tree_insert(tree[root].right, key);
  return root;
}

static u32 height(u16 t) {
  if (!t) return 0;
  u32 l = height(tree[t].left), r = height(tree[t].right);
  return 1 + (l > r ? l : r);
}

static i32 contains(u16 t, i32 key) {
  while (t) {
    if (key == tree[t].key) return 1;
    t = key < tree[t].key ? tree[t].left : tree[t].right;
  }
  return 0;
}

static u32 seed;
static u32 lcg(void) {
  seed = seed * 1103515245u + 12345u;
  return seed;
}

PROGRAM_MAIN {
  arena_init();
  seed = opq32(11);
  for (u32 i = 0; i < 100; i++) insert_sorted((i32)((lcg() >> 20) % 1000) - 500, i);
  assert_eq_i32((i32)count_free(), 28);
  u32 removed = remove_if(divisible_by_3);
  assert_eq_i32((i32)removed, 30);
  assert_eq_i32((i32)count_free(), 28 + 30);
  for (u32 i = 100; i < 130; i++) insert_sorted((i32)((lcg() >> 20) % 1000) - 500, i);
  reverse();

  u32 count = 0;
  i64 check = 0;
  i32 prev = 0x7fffffff, descending = 1;
  for (Node *n = head.next; n != &head; n = n->next) {
    count++;
    check += (i64)count * n->key + (i64)n->val * 7;
    if (n->key > prev) descending = 0;
    prev = n->key;
    if (n->next->prev != n) descending = 0; /* links consistent */
  }
  assert_eq_i32(descending, 1);
  assert_eq_i32((i32)count, 130 - 30);
  assert_eq_i64(check, -696865);
  assert_eq_i32((i32)count_free(), 128 - (i32)count);

  u16 root = 0;
  for (u32 i = 0; i < 60; i++) root = tree_insert(root, (i32)((lcg() >> 24) % 100));
  assert_eq_i32(tree_used - 1, 46);
  assert_eq_i32((i32)height(root), 12);

  /* in-order with an explicit stack */
  u16 stack[80];
  u32 sp = 0, pos = 0;
  i64 walk = 0;
  i32 last = -1, ascending = 1;
  u16 t = root;
  while (t || sp) {
    while (t) { stack[sp++] = t; t = tree[t].left; }
    t = stack[--sp];
    pos++;
    walk += (i64)pos * tree[t].key;
    if (tree[t].key <= last) ascending = 0;
    last = tree[t].key;
    t = tree[t].right;
  }
  assert_eq_i32(ascending, 1);
  assert_eq_i64(walk, 66384);
  i32 found = 0;
  for (i32 k = 0; k < 100; k++) found += contains(root, k);
  assert_eq_i32(found, 46);
}
