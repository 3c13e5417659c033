// host.c: the NEAR host of wasm2zkasm (docs/near.md): the driver `near_main`, which reads the tape,
// runs the calls and writes the outcome, and NEAR's host functions with nearcore's semantics
// (runtime/near-vm-runner/src/logic/logic.rs: the same checks in the same order, the same errors
// with the same Display texts), except gas: nothing is metered, used_gas is 0 and no call runs
// out of gas.
//
// Built by build.sh into host.wasm, which the linker (src/near/link.ts) merges with the contracts.
// Every instruction here becomes proven steps: the code copies word at a time, hashes only what it
// must, and keeps one pass over data where it can.
//
// Memory (fixed, MEM_SIZE bytes; bytes 0-1023 hold the mailbox, wasm-ld puts data and the stack
// from 1024 and __heap_base after them):
//   [__heap_base, up)   persistent: the contracts, their storage (keys, values, sorted entry
//                       arrays), the serialized outcome of each call, at the end the outcome
//   [down, MEM_SIZE)    per call: the call's tape data, registers' buffers, logs, receipts, the
//                       undo log, scratch; reset after each call
// Nothing is freed but the per-call region (and a host function's scratch at its end). Running out
// of memory, a malformed tape or an inconsistent state (nearcore: a VMRunnerError, not a call
// failure) traps outside any call: the run fails and there is no proof.
//
// Buffers: every byte buffer is 8-aligned and zero padded to a multiple of 8 (host.h), and never
// changes once written: registers, logs and actions point at buffers, they never copy them.
//
// Failures: a host function that fails records (kind, nearcore's message) and executes
// `unreachable`; the trap unwinds to near_main's w2z_guest.call, which returns its code.
#include "host.h"

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(mod, name) __attribute__((import_module(mod), import_name(name)))
#define NORETURN __attribute__((noreturn))
#define NOINLINE __attribute__((noinline))
#define U64_MAX 0xFFFFFFFFFFFFFFFFull

IMPORT("env", "input_i64") u64 env_input_i64(void);
IMPORT("env", "output_i64") void env_output_i64(u64 v);
IMPORT("w2z_guest", "load_u8") u32 guest_load_u8(u32 ptr);
IMPORT("w2z_guest", "load_u32") u32 guest_load_u32(u32 ptr);
IMPORT("w2z_guest", "load_u64") u64 guest_load_u64(u32 ptr);
IMPORT("w2z_guest", "store_u8") void guest_store_u8(u32 ptr, u32 v);
IMPORT("w2z_guest", "store_u64") void guest_store_u64(u32 ptr, u64 v);
IMPORT("w2z_guest", "memory_size") u32 guest_memory_size(void);
IMPORT("w2z_guest", "contracts") u32 guest_contracts(void);
IMPORT("w2z_guest", "methods") u32 guest_methods(u32 contract);
IMPORT("w2z_guest", "call") u32 guest_call(u32 contract, u32 method);

// ---------------------------------------------------------------------------------------------
// Limits: nearcore's runtime configuration (core/parameters, current protocol).

#define MEM_SIZE (8u << 20)            // the host's memory; build.sh passes the same to wasm-ld
#define MAILBOX_OUTCOME_PTR 16
#define MAILBOX_OUTCOME_LEN 20
#define MAX_REGISTERS 100              // max_number_registers
#define MAX_LOGS 100                   // max_number_logs
#define MAX_TOTAL_LOG 16384ull         // max_total_log_length
#define MAX_KEY 2048ull                // max_length_storage_key
#define MAX_VALUE 4194304ull           // max_length_storage_value
#define MAX_RETURN 4194304ull          // max_length_returned_data
#define MAX_CODE 4194304ull            // max_contract_size
#define MAX_PROMISES 1024u             // max_promises_per_function_call_action
#define MAX_DEPS 128u                  // max_number_input_data_dependencies
#define RECORD_BYTES 40ull             // storage_num_extra_bytes_record

enum { FAIL_PANIC = 1, FAIL_TRAP = 2, FAIL_HOST = 3 };
enum { LIMIT_NONE, LIMIT_KEY, LIMIT_VALUE, LIMIT_RETURN, LIMIT_CODE };
enum {
  ACT_CREATE_ACCOUNT, ACT_DEPLOY_CONTRACT, ACT_FUNCTION_CALL, ACT_TRANSFER, ACT_STAKE,
  ACT_ADD_KEY_FULL, ACT_ADD_KEY_FUNCTION_CALL, ACT_DELETE_KEY, ACT_DELETE_ACCOUNT,
};

// A byte string: pointer in the low half, length in the high half.
typedef u64 buf;
#define BUF(p, n) ((u64)(u32)(p) | ((u64)(n) << 32))
#define BP(b) ((const u8 *)(u32)(b))
#define BL(b) ((u32)((b) >> 32))

// ---------------------------------------------------------------------------------------------
// Memory

extern u8 __heap_base;
static u32 up;           // first free byte of the persistent region
static u32 down;         // first used byte of the per-call region
static u32 fatal_error;  // set by fatal(): near_main ends the run

NORETURN NOINLINE static void fatal(void) {
  fatal_error = 1;
  __builtin_trap();
}

static inline u32 round8(u32 n) { return (n + 7) & ~7u; }

static u8 *palloc(u64 n) {
  if (n > MEM_SIZE) fatal();
  u32 m = round8((u32)n);
  if (m > down - up) fatal();
  u8 *p = (u8 *)up;
  up += m;
  if (n & 7) ((u64 *)p)[(u32)n >> 3] = 0;
  return p;
}

static u8 *talloc(u64 n) {
  if (n > MEM_SIZE) fatal();
  u32 m = round8((u32)n);
  if (m > down - up) fatal();
  down -= m;
  u8 *p = (u8 *)down;
  if (n & 7) ((u64 *)p)[(u32)n >> 3] = 0;
  return p;
}

/* copies a zero-padded buffer, padding included */
static void wcopy(u8 *dst, const u8 *src, u32 len) {
  u64 *d = (u64 *)dst;
  const u64 *s = (const u64 *)src;
  u32 n = (len + 7) >> 3;
  for (u32 i = 0; i < n; i++) d[i] = s[i];
}

static int weq(const u8 *a, const u8 *b, u32 len) {
  const u64 *x = (const u64 *)a, *y = (const u64 *)b;
  u32 n = (len + 7) >> 3;
  for (u32 i = 0; i < n; i++)
    if (x[i] != y[i]) return 0;
  return 1;
}

/* zeroes the bytes from n to the next multiple of 8 */
static void pad(u8 *p, u32 n) {
  for (u32 e = round8(n); n < e; n++) p[n] = 0;
}

typedef struct { u64 v; } __attribute__((packed, aligned(1))) unaligned_u64;

// ---------------------------------------------------------------------------------------------
// Failures

static u32 fail_kind;
static const u8 *fail_msg;
static u32 fail_len;

static u8 *sb;
static u32 sbn;
static void sb_begin(u64 cap) { sb = talloc(cap); sbn = 0; }
static void sb_bytes(const u8 *p, u32 n) {
  for (u32 i = 0; i < n; i++) sb[sbn + i] = p[i];
  sbn += n;
}
static void sb_str(const char *s) {
  while (*s) sb[sbn++] = (u8)*s++;
}
static void sb_u64(u64 v) {
  u8 t[20];
  u32 i = 20;
  do { t[--i] = (u8)('0' + v % 10); v /= 10; } while (v);
  sb_bytes(t + i, 20 - i);
}

NORETURN NOINLINE static void fail_sb(u32 kind) {
  pad(sb, sbn);
  fail_kind = kind;
  fail_msg = sb;
  fail_len = sbn;
  __builtin_trap();
}
NORETURN NOINLINE static void fail_str(const char *s) {
  sb_begin(128);
  sb_str(s);
  fail_sb(FAIL_HOST);
}
NORETURN NOINLINE static void fail_num(const char *a, u64 n, const char *b) {
  sb_begin(160);
  sb_str(a);
  sb_u64(n);
  sb_str(b);
  fail_sb(FAIL_HOST);
}
NORETURN NOINLINE static void fail_num2(const char *a, u64 n, const char *b, u64 m) {
  sb_begin(200);
  sb_str(a);
  sb_u64(n);
  sb_str(b);
  sb_u64(m);
  fail_sb(FAIL_HOST);
}
NORETURN NOINLINE static void err_view(const char *method) {
  sb_begin(128);
  sb_str(method);
  sb_str(" is not allowed in view calls");
  fail_sb(FAIL_HOST);
}
NORETURN NOINLINE static void guest_panic(const u8 *msg, u32 len) {
  sb_begin(32 + (u64)len);
  sb_str("Smart contract panicked: ");
  sb_bytes(msg, len);
  fail_sb(FAIL_PANIC);
}
NORETURN static void err_mav(void) { fail_str("Accessed memory outside the bounds."); }
NORETURN static void err_utf8(void) { fail_str("String encoding is bad UTF-8 sequence."); }
NORETURN static void err_utf16(void) { fail_str("String encoding is bad UTF-16 sequence."); }
NORETURN static void err_register(u64 id) { fail_num("Accessed invalid register id: ", id, ""); }
NORETURN static void err_log_length(u64 length) {
  fail_num2("The length of a log message ", length, " exceeds the limit ", MAX_TOTAL_LOG);
}
NORETURN NOINLINE static void err_limit(u32 what, u64 length) {
  switch (what) {
    case LIMIT_KEY: fail_num2("The length of a storage key ", length, " exceeds the limit ", MAX_KEY);
    case LIMIT_VALUE: fail_num2("The length of a storage value ", length, " exceeds the limit ", MAX_VALUE);
    case LIMIT_RETURN: fail_num2("The length of a returned value ", length, " exceeds the limit ", MAX_RETURN);
    default:
      fail_num2("The size of a contract code in DeployContract action ", length, " exceeds the limit ", MAX_CODE);
  }
}

static u64 sat_add(u64 a, u64 b) {
  u64 s = a + b;
  return s < a ? U64_MAX : s;
}

// ---------------------------------------------------------------------------------------------
// The contract's memory, through the linker's intrinsics

static u64 guest_limit(void) { return (u64)guest_memory_size() << 16; }

/* nearcore: MemoryAccessViolation unless ptr + len (no overflow) is within the memory */
static void check_mem(u64 ptr, u64 len) {
  u64 lim = guest_limit();
  if (ptr > lim || len > lim - ptr) err_mav();
}

/* guest [ptr, ptr+len) (checked) into dst, zero padded */
static void guest_read(u8 *dst, u32 ptr, u32 len) {
  u64 *d = (u64 *)dst;
  u32 nw = len >> 3;
  for (u32 i = 0; i < nw; i++) d[i] = guest_load_u64(ptr + 8 * i);
  u32 r = len & 7;
  if (r) {
    u64 w = 0;
    if (len >= 8) {
      w = guest_load_u64(ptr + len - 8) >> (8 * (8 - r));
    } else {
      for (u32 i = 0; i < r; i++) w |= (u64)guest_load_u8(ptr + i) << (8 * i);
    }
    d[nw] = w;
  }
}

/* src into guest [ptr, ptr+len) (checked) */
static void guest_write(u32 ptr, const u8 *src, u32 len) {
  const u64 *s = (const u64 *)src;
  u32 nw = len >> 3;
  for (u32 i = 0; i < nw; i++) guest_store_u64(ptr + 8 * i, s[i]);
  u32 r = len & 7;
  if (r) {
    if (len >= 8) {
      guest_store_u64(ptr + len - 8, ((const unaligned_u64 *)(src + len - 8))->v);
    } else {
      u64 w = s[0];
      for (u32 i = 0; i < r; i++) guest_store_u8(ptr + i, (u32)(w >> (8 * i)) & 0xff);
    }
  }
}

static u64 amount_lo, amount_hi;
static void read_u128(u64 ptr) {
  check_mem(ptr, 16);
  amount_lo = guest_load_u64((u32)ptr);
  amount_hi = guest_load_u64((u32)ptr + 8);
}
static void write_u128(u64 ptr, u64 lo, u64 hi) {
  check_mem(ptr, 16);
  guest_store_u64((u32)ptr, lo);
  guest_store_u64((u32)ptr + 8, hi);
}

/* guest bytes into a new per-call buffer */
static buf mem_read(u64 ptr, u64 len) {
  check_mem(ptr, len);
  u8 *d = talloc(len);
  guest_read(d, (u32)ptr, (u32)len);
  return BUF(d, len);
}

// ---------------------------------------------------------------------------------------------
// Registers (nearcore vmstate.rs): at most 100; a register points at an immutable buffer.

typedef struct {
  u64 id;
  const u8 *p;
  u32 len;
} reg_t;
static reg_t regs[MAX_REGISTERS];
static u32 nregs;

static reg_t *reg_find(u64 id) {
  for (u32 i = 0; i < nregs; i++)
    if (regs[i].id == id) return &regs[i];
  return 0;
}

/* max_register_size (100 MiB) and registers_memory_limit (1 GiB) cannot be reached: the data is
   in the host's memory. nearcore refuses a set once 100 registers exist, even a replacement. */
static void reg_set(u64 id, const u8 *p, u32 len) {
  if (nregs >= MAX_REGISTERS) err_mav();
  reg_t *r = reg_find(id);
  if (!r) {
    r = &regs[nregs++];
    r->id = id;
  }
  r->p = p;
  r->len = len;
}

static reg_t *reg_get(u64 id) {
  reg_t *r = reg_find(id);
  if (!r) err_register(id);
  return r;
}

/* nearcore get_memory_or_register: len u64::MAX reads register ptr, else guest memory; then the
   caller's length limit. Guest bytes are copied to the per-call region (persistent: to the
   persistent one), after the checks. */
static buf mem_or_reg_in(u64 ptr, u64 len, u32 limit_what, u64 limit, int persistent) {
  if (len == U64_MAX) {
    reg_t *r = reg_get(ptr);
    if (limit_what && r->len > limit) err_limit(limit_what, r->len);
    if (!persistent) return BUF(r->p, r->len);
    u8 *d = palloc(r->len);
    wcopy(d, r->p, r->len);
    return BUF(d, r->len);
  }
  check_mem(ptr, len);
  if (limit_what && len > limit) err_limit(limit_what, len);
  u8 *d = persistent ? palloc(len) : talloc(len);
  guest_read(d, (u32)ptr, (u32)len);
  return BUF(d, len);
}
static buf mem_or_reg(u64 ptr, u64 len) { return mem_or_reg_in(ptr, len, LIMIT_NONE, 0, 0); }

// ---------------------------------------------------------------------------------------------
// Text

/* Rust's str::from_utf8: no overlong forms, no surrogates, at most U+10FFFF */
static int utf8_ok(const u8 *p, u32 n) {
  u32 i = 0;
  while (i < n) {
    if ((i & 7) == 0 && (*(const u64 *)(p + i) & 0x8080808080808080ull) == 0) {
      i += 8;  // ASCII word (the padding is zero)
      continue;
    }
    u32 c = p[i];
    if (c < 0x80) { i++; continue; }
    u32 need, lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      else if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;
    } else {
      return 0;
    }
    if (n - i - 1 < need) return 0;
    u32 c1 = p[i + 1];
    if (c1 < lo || c1 > hi) return 0;
    for (u32 k = 2; k <= need; k++)
      if ((p[i + k] & 0xC0) != 0x80) return 0;
    i += need + 1;
  }
  return 1;
}

/* near-account-id: 2 to 64 characters a-z 0-9 - _ . with no separator first, last or twice */
static int account_ok(const u8 *p, u32 n) {
  if (n < 2 || n > 64) return 0;
  u32 last_sep = 1;
  for (u32 i = 0; i < n; i++) {
    u32 c = p[i], sep;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) sep = 0;
    else if (c == '-' || c == '_' || c == '.') sep = 1;
    else return 0;
    if (sep && last_sep) return 0;
    last_sep = sep;
  }
  return !last_sep;
}

/* borsh near_crypto::PublicKey, all bytes consumed: 0 + 32 bytes (ED25519), 1 + 64 (SECP256K1) */
static int public_key_ok(const u8 *p, u32 n) {
  return (n == 33 && p[0] == 0) || (n == 65 && p[0] == 1);
}

/* nearcore split_method_names: empty, or names separated by single commas */
static int method_names_ok(const u8 *p, u32 n) {
  if (n == 0) return 1;
  u32 after_comma = 1;
  for (u32 i = 0; i < n; i++) {
    if (p[i] == ',') {
      if (after_comma) return 0;
      after_comma = 1;
    } else {
      after_comma = 0;
    }
  }
  return !after_comma;
}

/* nearcore read_and_parse_account_id: BadUTF8, then InvalidAccountId */
static buf read_account_id(u64 ptr, u64 len) {
  buf b = mem_or_reg(ptr, len);
  if (!utf8_ok(BP(b), BL(b))) err_utf8();
  if (!account_ok(BP(b), BL(b))) fail_str("VM Logic returned an invalid account id");
  return b;
}

// ---------------------------------------------------------------------------------------------
// The batch: contracts and their storage

typedef struct {
  const u8 *key;
  u32 klen;
  const u8 *val;
  u32 vlen;
  u32 present;
  u32 touched;  // the serial number of the last call that changed it
} entry_t;

typedef struct {
  const u8 *account;
  u32 account_len;
  u64 storage_usage;
  u64 bal_lo, bal_hi;
  u64 locked_lo, locked_hi;
  entry_t **ents;  // sorted by key; removed keys stay, not present
  u32 n, cap;
} contract_t;

static contract_t *contracts;
static u32 ncontracts;

/* bytewise order of zero-padded keys (a proper prefix first) */
static int key_cmp(const u8 *a, u32 la, const u8 *b, u32 lb) {
  const u64 *x = (const u64 *)a, *y = (const u64 *)b;
  u32 nw = ((la < lb ? la : lb) + 7) >> 3;
  for (u32 i = 0; i < nw; i++) {
    u64 p = x[i], q = y[i];
    if (p != q) {
      u32 sh = (u32)__builtin_ctzll(p ^ q) & ~7u;
      return ((p >> sh) & 0xff) < ((q >> sh) & 0xff) ? -1 : 1;
    }
  }
  return la < lb ? -1 : la > lb;
}

static entry_t *find(contract_t *c, const u8 *k, u32 kl, u32 *pos) {
  u32 lo = 0, hi = c->n;
  while (lo < hi) {
    u32 mid = (lo + hi) >> 1;
    entry_t *e = c->ents[mid];
    int r = key_cmp(e->key, e->klen, k, kl);
    if (r == 0) return e;
    if (r < 0) lo = mid + 1;
    else hi = mid;
  }
  *pos = lo;
  return 0;
}

static entry_t *insert(contract_t *c, u32 pos, const u8 *k, u32 kl) {
  if (c->n == c->cap) {
    u32 cap = c->cap ? 2 * c->cap : 8;
    entry_t **a = (entry_t **)palloc((u64)cap * sizeof(entry_t *));
    for (u32 i = 0; i < c->n; i++) a[i] = c->ents[i];
    c->ents = a;
    c->cap = cap;
  }
  for (u32 i = c->n; i > pos; i--) c->ents[i] = c->ents[i - 1];
  entry_t *e = (entry_t *)palloc(sizeof(entry_t));
  u8 *key = palloc(kl);
  wcopy(key, k, kl);
  e->key = key;
  e->klen = kl;
  e->val = 0;
  e->vlen = 0;
  e->present = 0;
  e->touched = 0;
  c->ents[pos] = e;
  c->n++;
  return e;
}

// ---------------------------------------------------------------------------------------------
// The current call

static contract_t *cur;
static u32 call_serial;
static buf signer_id, signer_pk, predecessor_id, input_data, random_seed;
static u64 block_height, block_timestamp, epoch_height, deposit_lo, deposit_hi, prepaid_gas;
static u32 is_view;
typedef struct {
  u32 status;  // 1 successful, 2 failed
  buf data;
} presult_t;
static presult_t *presults;
static u32 npresults;

// what the call changes
static u64 usage, bal_lo, bal_hi;
static buf logs[MAX_LOGS];
static u32 nlogs;
static u64 total_log;
static u32 ret_kind;  // 0 none, 1 value, 2 receipt
static buf ret_value;
static u32 ret_receipt;

typedef struct undo {
  struct undo *next;
  entry_t *e;
  const u8 *val;
  u32 vlen;
  u32 present;
} undo_t;
static undo_t *undo_log;
static u32 nundo;

/* first change of an entry in this call: remember how it was */
static void touch(entry_t *e) {
  if (e->touched == call_serial) return;
  e->touched = call_serial;
  undo_t *u = (undo_t *)talloc(sizeof(undo_t));
  u->next = undo_log;
  u->e = e;
  u->val = e->val;
  u->vlen = e->vlen;
  u->present = e->present;
  undo_log = u;
  nundo++;
}

typedef struct action {
  struct action *next;
  u32 kind;
  buf a, b, c;   // kind's byte strings, in outcome order
  u64 n1, n2;    // gas, gas weight / nonce, has_allowance
  u64 lo, hi;    // deposit / stake / allowance
} action_t;

typedef struct {
  buf receiver;
  const u32 *deps;
  u32 ndeps;
  u32 nactions;
  action_t *head, *tail;
} receipt_t;

typedef struct {
  u32 joint;    // made by promise_and: its receipts are deps
  u32 receipt;
  const u32 *deps;
  u32 ndeps;
} promise_t;

static promise_t *promises;  // MAX_PROMISES + 1 slots, allocated at the first promise
static receipt_t *receipts;
static u32 npromises, nreceipts;

static void promises_ready(void) {
  if (promises) return;
  promises = (promise_t *)talloc((u64)(MAX_PROMISES + 1) * sizeof(promise_t));
  receipts = (receipt_t *)talloc((u64)(MAX_PROMISES + 1) * sizeof(receipt_t));
}

/* nearcore checked_push_promise: pushed, then the limit checked */
static u64 push_promise(u32 joint, u32 receipt, const u32 *deps, u32 ndeps) {
  promise_t *p = &promises[npromises++];
  p->joint = joint;
  p->receipt = receipt;
  p->deps = deps;
  p->ndeps = ndeps;
  if (npromises > MAX_PROMISES)
    fail_num2("The number of promises within a FunctionCall ", npromises, " exceeds the limit ", MAX_PROMISES);
  return npromises - 1;
}

static u32 new_receipt(buf receiver, const u32 *deps, u32 ndeps) {
  receipt_t *r = &receipts[nreceipts];
  r->receiver = receiver;
  r->deps = deps;
  r->ndeps = ndeps;
  r->nactions = 0;
  r->head = r->tail = 0;
  return nreceipts++;
}

static promise_t *get_promise(u64 idx) {
  if (idx >= npromises) fail_num("", idx, " does not correspond to existing promises");
  return &promises[idx];
}

/* nearcore promise_idx_to_receipt_idx_with_sir */
static receipt_t *receipt_of(u64 idx) {
  promise_t *p = get_promise(idx);
  if (p->joint) fail_str("Actions can only be appended to non-joint promise.");
  return &receipts[p->receipt];
}

static action_t *add_action(receipt_t *r, u32 kind) {
  action_t *a = (action_t *)talloc(sizeof(action_t));
  a->next = 0;
  a->kind = kind;
  a->a = a->b = a->c = 0;
  a->n1 = a->n2 = a->lo = a->hi = 0;
  if (r->tail) r->tail->next = a;
  else r->head = a;
  r->tail = a;
  r->nactions++;
  return a;
}

/* nearcore deduct_balance */
static void deduct(u64 lo, u64 hi) {
  if (bal_hi < hi || (bal_hi == hi && bal_lo < lo)) fail_str("Exceeded the account balance.");
  u64 borrow = bal_lo < lo;
  bal_lo -= lo;
  bal_hi = bal_hi - hi - borrow;
}

// ---------------------------------------------------------------------------------------------
// Registers API

EXPORT("read_register") void near_read_register(u64 register_id, u64 ptr) {
  reg_t *r = reg_get(register_id);
  check_mem(ptr, r->len);
  guest_write((u32)ptr, r->p, r->len);
}

EXPORT("register_len") u64 near_register_len(u64 register_id) {
  reg_t *r = reg_find(register_id);
  return r ? r->len : U64_MAX;
}

EXPORT("write_register") void near_write_register(u64 register_id, u64 data_len, u64 data_ptr) {
  buf b = mem_read(data_ptr, data_len);
  reg_set(register_id, BP(b), BL(b));
}

// ---------------------------------------------------------------------------------------------
// Context API

EXPORT("current_account_id") void near_current_account_id(u64 register_id) {
  reg_set(register_id, cur->account, cur->account_len);
}

EXPORT("signer_account_id") void near_signer_account_id(u64 register_id) {
  if (is_view) err_view("signer_account_id");
  reg_set(register_id, BP(signer_id), BL(signer_id));
}

EXPORT("signer_account_pk") void near_signer_account_pk(u64 register_id) {
  if (is_view) err_view("signer_account_pk");
  reg_set(register_id, BP(signer_pk), BL(signer_pk));
}

EXPORT("predecessor_account_id") void near_predecessor_account_id(u64 register_id) {
  if (is_view) err_view("predecessor_account_id");
  reg_set(register_id, BP(predecessor_id), BL(predecessor_id));
}

EXPORT("input") void near_input(u64 register_id) {
  reg_set(register_id, BP(input_data), BL(input_data));
}

EXPORT("block_index") u64 near_block_index(void) { return block_height; }
EXPORT("block_timestamp") u64 near_block_timestamp(void) { return block_timestamp; }
EXPORT("epoch_height") u64 near_epoch_height(void) { return epoch_height; }
EXPORT("storage_usage") u64 near_storage_usage(void) { return usage; }

// ---------------------------------------------------------------------------------------------
// Economics API

EXPORT("account_balance") void near_account_balance(u64 balance_ptr) {
  write_u128(balance_ptr, bal_lo, bal_hi);
}

EXPORT("account_locked_balance") void near_account_locked_balance(u64 balance_ptr) {
  write_u128(balance_ptr, cur->locked_lo, cur->locked_hi);
}

/* no view check: nearcore dropped it */
EXPORT("attached_deposit") void near_attached_deposit(u64 balance_ptr) {
  write_u128(balance_ptr, deposit_lo, deposit_hi);
}

EXPORT("prepaid_gas") u64 near_prepaid_gas(void) {
  if (is_view) err_view("prepaid_gas");
  return prepaid_gas;
}

/* no gas metering */
EXPORT("used_gas") u64 near_used_gas(void) {
  if (is_view) err_view("used_gas");
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Math API

EXPORT("random_seed") void near_random_seed(u64 register_id) {
  reg_set(register_id, BP(random_seed), BL(random_seed));
}

static void hash_to_register(u64 value_len, u64 value_ptr, u64 register_id, u32 which) {
  u32 mark = down;
  buf v = mem_or_reg(value_ptr, value_len);
  u64 h[8];
  u32 n;
  if (which == 0) { sha256_buf(BP(v), BL(v), h); n = 4; }
  else if (which == 1) { keccak_buf(BP(v), BL(v), 17, h, 4); n = 4; }
  else { keccak_buf(BP(v), BL(v), 9, h, 8); n = 8; }
  down = mark;  // the input copy is no longer needed
  u64 *d = (u64 *)talloc(8 * n);
  for (u32 i = 0; i < n; i++) d[i] = h[i];
  reg_set(register_id, (const u8 *)d, 8 * n);
}

EXPORT("sha256") void near_sha256(u64 value_len, u64 value_ptr, u64 register_id) {
  hash_to_register(value_len, value_ptr, register_id, 0);
}
EXPORT("keccak256") void near_keccak256(u64 value_len, u64 value_ptr, u64 register_id) {
  hash_to_register(value_len, value_ptr, register_id, 1);
}
EXPORT("keccak512") void near_keccak512(u64 value_len, u64 value_ptr, u64 register_id) {
  hash_to_register(value_len, value_ptr, register_id, 2);
}

// ---------------------------------------------------------------------------------------------
// Miscellaneous API

EXPORT("value_return") void near_value_return(u64 value_len, u64 value_ptr) {
  ret_value = mem_or_reg_in(value_ptr, value_len, LIMIT_RETURN, MAX_RETURN, 0);
  ret_kind = 1;
}

EXPORT("panic") void near_panic(void) {
  const char *m = "explicit guest panic";
  guest_panic((const u8 *)m, 20);
}

static u64 log_room(void) { return total_log >= MAX_TOTAL_LOG ? 0 : MAX_TOTAL_LOG - total_log; }

/* nearcore get_utf8_string: len u64::MAX reads up to a NUL */
static buf utf8_string(u64 len, u64 ptr) {
  u64 max_len = log_room();
  buf b;
  if (len != U64_MAX) {
    if (len > max_len) err_log_length(sat_add(total_log, len));
    b = mem_read(ptr, len);
  } else {
    u64 lim = guest_limit();
    u64 i = 0;
    for (;; i++) {
      u64 at = ptr + i;
      if (at < ptr || at >= lim) err_mav();
      if (guest_load_u8((u32)at) == 0) break;
      if (i == max_len) err_log_length(sat_add(total_log, sat_add(max_len, 1)));
    }
    b = mem_read(ptr, i);
  }
  if (!utf8_ok(BP(b), BL(b))) err_utf8();
  return b;
}

/* UTF-16LE to a new UTF-8 buffer; BadUTF16 on an unpaired surrogate */
static buf utf16_to_utf8(const u8 *p, u32 len) {
  u8 *o = talloc((u64)len / 2 * 3);
  u32 n = 0;
  for (u32 i = 0; i < len; i += 2) {
    u32 c = p[i] | ((u32)p[i + 1] << 8);
    if (c >= 0xD800 && c < 0xE000) {
      if (c >= 0xDC00 || i + 4 > len) err_utf16();
      u32 d = p[i + 2] | ((u32)p[i + 3] << 8);
      if (d < 0xDC00 || d >= 0xE000) err_utf16();
      c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
      i += 2;
    }
    if (c < 0x80) {
      o[n++] = (u8)c;
    } else if (c < 0x800) {
      o[n++] = (u8)(0xC0 | (c >> 6));
      o[n++] = (u8)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      o[n++] = (u8)(0xE0 | (c >> 12));
      o[n++] = (u8)(0x80 | ((c >> 6) & 0x3F));
      o[n++] = (u8)(0x80 | (c & 0x3F));
    } else {
      o[n++] = (u8)(0xF0 | (c >> 18));
      o[n++] = (u8)(0x80 | ((c >> 12) & 0x3F));
      o[n++] = (u8)(0x80 | ((c >> 6) & 0x3F));
      o[n++] = (u8)(0x80 | (c & 0x3F));
    }
  }
  pad(o, n);
  return BUF(o, n);
}

/* nearcore get_utf16_string: len u64::MAX reads up to a NUL u16 */
static buf utf16_string(u64 len, u64 ptr) {
  u64 max_len = log_room();
  if (len == U64_MAX) {
    u64 lim = guest_limit();
    len = 0;
    for (;;) {
      u64 at = sat_add(ptr, len);
      if (at > lim || lim - at < 2) err_mav();
      if ((guest_load_u8((u32)at) | guest_load_u8((u32)at + 1)) == 0) break;
      len += 2;
      if (len > max_len) err_log_length(sat_add(total_log, len));
    }
  }
  check_mem(ptr, len);
  if (len & 1) err_utf16();
  if (len > max_len) err_log_length(sat_add(total_log, len));
  buf b = mem_read(ptr, len);
  return utf16_to_utf8(BP(b), BL(b));
}

static void check_log_count(void) {
  if (nlogs >= MAX_LOGS) fail_num("The number of logs will exceed the limit ", MAX_LOGS, "");
}

/* nearcore checked_push_log: the total grows first, the error counts the message twice */
static void push_log(buf m) {
  u64 t = total_log + BL(m);
  total_log = t;
  if (t > MAX_TOTAL_LOG) err_log_length(sat_add(t, BL(m)));
  logs[nlogs++] = m;
}

EXPORT("panic_utf8") void near_panic_utf8(u64 len, u64 ptr) {
  buf m = utf8_string(len, ptr);
  guest_panic(BP(m), BL(m));
}

EXPORT("log_utf8") void near_log_utf8(u64 len, u64 ptr) {
  check_log_count();
  push_log(utf8_string(len, ptr));
}

EXPORT("log_utf16") void near_log_utf16(u64 len, u64 ptr) {
  check_log_count();
  push_log(utf16_string(len, ptr));
}

/* AssemblyScript's abort; nearcore's signature has u32 (i32) parameters */
EXPORT("abort") void near_abort(u32 msg_ptr, u32 filename_ptr, u32 line, u32 col) {
  if (msg_ptr < 4 || filename_ptr < 4) err_utf16();
  check_log_count();
  check_mem(msg_ptr - 4, 4);
  u32 msg_len = guest_load_u32(msg_ptr - 4);
  check_mem(filename_ptr - 4, 4);
  u32 filename_len = guest_load_u32(filename_ptr - 4);
  buf msg = utf16_string(msg_len, msg_ptr);
  buf filename = utf16_string(filename_len, filename_ptr);
  // "ABORT: " + message is the log, message the panic
  sb_begin((u64)BL(msg) + BL(filename) + 80);
  sb_str("ABORT: ");
  sb_bytes(BP(msg), BL(msg));
  sb_str(", filename: \"");
  sb_bytes(BP(filename), BL(filename));
  sb_str("\" line: ");
  sb_u64(line);
  sb_str(" col: ");
  sb_u64(col);
  pad(sb, sbn);
  const u8 *text = sb;
  u32 n = sbn;
  push_log(BUF(text, n));
  guest_panic(text + 7, n - 7);
}

// ---------------------------------------------------------------------------------------------
// Promises API

EXPORT("promise_batch_create") u64 near_promise_batch_create(u64 account_id_len, u64 account_id_ptr) {
  if (is_view) err_view("promise_batch_create");
  buf account = read_account_id(account_id_ptr, account_id_len);
  promises_ready();
  u32 r = new_receipt(account, 0, 0);
  return push_promise(0, r, 0, 0);
}

EXPORT("promise_batch_then")
u64 near_promise_batch_then(u64 promise_idx, u64 account_id_len, u64 account_id_ptr) {
  if (is_view) err_view("promise_batch_then");
  buf account = read_account_id(account_id_ptr, account_id_len);
  promise_t *p = get_promise(promise_idx);
  const u32 *deps;
  u32 ndeps;
  if (p->joint) {
    deps = p->deps;
    ndeps = p->ndeps;
  } else {
    u32 *d = (u32 *)talloc(4);
    d[0] = p->receipt;
    deps = d;
    ndeps = 1;
  }
  u32 r = new_receipt(account, deps, ndeps);
  return push_promise(0, r, 0, 0);
}

EXPORT("promise_and") u64 near_promise_and(u64 promise_idx_ptr, u64 promise_idx_count) {
  if (is_view) err_view("promise_and");
  if (promise_idx_count > (U64_MAX >> 3)) fail_str("Integer overflow.");
  check_mem(promise_idx_ptr, promise_idx_count * 8);
  promises_ready();
  u32 *deps = (u32 *)talloc(2 * MAX_DEPS * 4);
  u32 n = 0;
  for (u64 i = 0; i < promise_idx_count; i++) {
    promise_t *p = get_promise(guest_load_u64((u32)(promise_idx_ptr + 8 * i)));
    if (p->joint) {
      for (u32 j = 0; j < p->ndeps; j++) deps[n++] = p->deps[j];
    } else {
      deps[n++] = p->receipt;
    }
    if (n > MAX_DEPS)
      fail_num2("The number of input data dependencies ", n, " exceeds the limit ", MAX_DEPS);
  }
  return push_promise(1, 0, deps, n);
}

EXPORT("promise_batch_action_create_account") void near_promise_batch_action_create_account(u64 promise_idx) {
  if (is_view) err_view("promise_batch_action_create_account");
  add_action(receipt_of(promise_idx), ACT_CREATE_ACCOUNT);
}

EXPORT("promise_batch_action_deploy_contract")
void near_promise_batch_action_deploy_contract(u64 promise_idx, u64 code_len, u64 code_ptr) {
  if (is_view) err_view("promise_batch_action_deploy_contract");
  buf code = mem_or_reg_in(code_ptr, code_len, LIMIT_CODE, MAX_CODE, 0);
  action_t *a = add_action(receipt_of(promise_idx), ACT_DEPLOY_CONTRACT);
  a->a = code;
}

EXPORT("promise_batch_action_function_call_weight")
void near_promise_batch_action_function_call_weight(u64 promise_idx, u64 method_name_len, u64 method_name_ptr,
                                                    u64 arguments_len, u64 arguments_ptr, u64 amount_ptr,
                                                    u64 gas, u64 gas_weight) {
  if (is_view) err_view("promise_batch_action_function_call");
  read_u128(amount_ptr);
  u64 lo = amount_lo, hi = amount_hi;
  buf method = mem_or_reg(method_name_ptr, method_name_len);
  if (BL(method) == 0) fail_str("Tried to call an empty method name.");
  buf args = mem_or_reg(arguments_ptr, arguments_len);
  receipt_t *r = receipt_of(promise_idx);
  deduct(lo, hi);
  action_t *a = add_action(r, ACT_FUNCTION_CALL);
  a->a = method;
  a->b = args;
  a->lo = lo;
  a->hi = hi;
  a->n1 = gas;
  a->n2 = gas_weight;
}

EXPORT("promise_batch_action_function_call")
void near_promise_batch_action_function_call(u64 promise_idx, u64 method_name_len, u64 method_name_ptr,
                                             u64 arguments_len, u64 arguments_ptr, u64 amount_ptr, u64 gas) {
  near_promise_batch_action_function_call_weight(promise_idx, method_name_len, method_name_ptr, arguments_len,
                                                 arguments_ptr, amount_ptr, gas, 0);
}

EXPORT("promise_create")
u64 near_promise_create(u64 account_id_len, u64 account_id_ptr, u64 method_name_len, u64 method_name_ptr,
                        u64 arguments_len, u64 arguments_ptr, u64 amount_ptr, u64 gas) {
  u64 p = near_promise_batch_create(account_id_len, account_id_ptr);
  near_promise_batch_action_function_call_weight(p, method_name_len, method_name_ptr, arguments_len, arguments_ptr,
                                                 amount_ptr, gas, 0);
  return p;
}

EXPORT("promise_then")
u64 near_promise_then(u64 promise_idx, u64 account_id_len, u64 account_id_ptr, u64 method_name_len,
                      u64 method_name_ptr, u64 arguments_len, u64 arguments_ptr, u64 amount_ptr, u64 gas) {
  u64 p = near_promise_batch_then(promise_idx, account_id_len, account_id_ptr);
  near_promise_batch_action_function_call_weight(p, method_name_len, method_name_ptr, arguments_len, arguments_ptr,
                                                 amount_ptr, gas, 0);
  return p;
}

EXPORT("promise_batch_action_transfer") void near_promise_batch_action_transfer(u64 promise_idx, u64 amount_ptr) {
  if (is_view) err_view("promise_batch_action_transfer");
  read_u128(amount_ptr);
  u64 lo = amount_lo, hi = amount_hi;
  receipt_t *r = receipt_of(promise_idx);
  deduct(lo, hi);
  action_t *a = add_action(r, ACT_TRANSFER);
  a->lo = lo;
  a->hi = hi;
}

static void check_public_key(buf pk) {
  if (!public_key_ok(BP(pk), BL(pk))) fail_str("VM Logic provided an invalid public key");
}

EXPORT("promise_batch_action_stake")
void near_promise_batch_action_stake(u64 promise_idx, u64 amount_ptr, u64 public_key_len, u64 public_key_ptr) {
  if (is_view) err_view("promise_batch_action_stake");
  read_u128(amount_ptr);
  u64 lo = amount_lo, hi = amount_hi;
  buf pk = mem_or_reg(public_key_ptr, public_key_len);
  receipt_t *r = receipt_of(promise_idx);
  check_public_key(pk);
  action_t *a = add_action(r, ACT_STAKE);
  a->lo = lo;
  a->hi = hi;
  a->a = pk;
}

EXPORT("promise_batch_action_add_key_with_full_access")
void near_promise_batch_action_add_key_with_full_access(u64 promise_idx, u64 public_key_len, u64 public_key_ptr,
                                                        u64 nonce) {
  if (is_view) err_view("promise_batch_action_add_key_with_full_access");
  buf pk = mem_or_reg(public_key_ptr, public_key_len);
  receipt_t *r = receipt_of(promise_idx);
  check_public_key(pk);
  action_t *a = add_action(r, ACT_ADD_KEY_FULL);
  a->a = pk;
  a->n1 = nonce;
}

EXPORT("promise_batch_action_add_key_with_function_call")
void near_promise_batch_action_add_key_with_function_call(u64 promise_idx, u64 public_key_len, u64 public_key_ptr,
                                                          u64 nonce, u64 allowance_ptr, u64 receiver_id_len,
                                                          u64 receiver_id_ptr, u64 method_names_len,
                                                          u64 method_names_ptr) {
  if (is_view) err_view("promise_batch_action_add_key_with_function_call");
  buf pk = mem_or_reg(public_key_ptr, public_key_len);
  read_u128(allowance_ptr);
  u64 lo = amount_lo, hi = amount_hi;
  buf receiver = read_account_id(receiver_id_ptr, receiver_id_len);
  buf names = mem_or_reg(method_names_ptr, method_names_len);
  if (!method_names_ok(BP(names), BL(names))) fail_str("Tried to call an empty method name.");
  receipt_t *r = receipt_of(promise_idx);
  check_public_key(pk);
  action_t *a = add_action(r, ACT_ADD_KEY_FUNCTION_CALL);
  a->a = pk;
  a->n1 = nonce;
  a->n2 = (lo | hi) != 0;
  a->lo = lo;
  a->hi = hi;
  a->b = receiver;
  a->c = names;
}

EXPORT("promise_batch_action_delete_key")
void near_promise_batch_action_delete_key(u64 promise_idx, u64 public_key_len, u64 public_key_ptr) {
  if (is_view) err_view("promise_batch_action_delete_key");
  buf pk = mem_or_reg(public_key_ptr, public_key_len);
  receipt_t *r = receipt_of(promise_idx);
  check_public_key(pk);
  action_t *a = add_action(r, ACT_DELETE_KEY);
  a->a = pk;
}

EXPORT("promise_batch_action_delete_account")
void near_promise_batch_action_delete_account(u64 promise_idx, u64 beneficiary_id_len, u64 beneficiary_id_ptr) {
  if (is_view) err_view("promise_batch_action_delete_account");
  buf beneficiary = read_account_id(beneficiary_id_ptr, beneficiary_id_len);
  action_t *a = add_action(receipt_of(promise_idx), ACT_DELETE_ACCOUNT);
  a->a = beneficiary;
}

EXPORT("promise_results_count") u64 near_promise_results_count(void) {
  if (is_view) err_view("promise_results_count");
  return npresults;
}

EXPORT("promise_result") u64 near_promise_result(u64 result_idx, u64 register_id) {
  if (is_view) err_view("promise_result");
  if (result_idx >= npresults) fail_num("Accessed invalid promise result index: ", result_idx, "");
  presult_t *r = &presults[result_idx];
  if (r->status != 1) return 2;
  reg_set(register_id, BP(r->data), BL(r->data));
  return 1;
}

EXPORT("promise_return") void near_promise_return(u64 promise_idx) {
  if (is_view) err_view("promise_return");
  promise_t *p = get_promise(promise_idx);
  if (p->joint) fail_str("Returning joint promise is currently prohibited.");
  ret_kind = 2;
  ret_receipt = p->receipt;
}

// ---------------------------------------------------------------------------------------------
// Storage API

static buf storage_key(u64 key_len, u64 key_ptr) {
  return mem_or_reg_in(key_ptr, key_len, LIMIT_KEY, MAX_KEY, 0);
}

EXPORT("storage_write")
u64 near_storage_write(u64 key_len, u64 key_ptr, u64 value_len, u64 value_ptr, u64 register_id) {
  if (is_view) err_view("storage_write");
  u32 mark = down;
  buf k = storage_key(key_len, key_ptr);
  buf v = mem_or_reg_in(value_ptr, value_len, LIMIT_VALUE, MAX_VALUE, 1);
  u32 pos;
  entry_t *e = find(cur, BP(k), BL(k), &pos);
  if (!e) e = insert(cur, pos, BP(k), BL(k));
  down = mark;  // the key's scratch copy is no longer needed
  touch(e);
  if (e->present) {
    const u8 *old = e->val;
    u32 old_len = e->vlen;
    if (usage < old_len) fatal();  // nearcore: InconsistentStateError
    usage = usage - old_len + BL(v);
    e->val = BP(v);
    e->vlen = BL(v);
    reg_set(register_id, old, old_len);
    return 1;
  }
  u64 add = (u64)BL(v) + BL(k) + RECORD_BYTES;
  if (usage + add < usage) fatal();
  usage += add;
  e->present = 1;
  e->val = BP(v);
  e->vlen = BL(v);
  return 0;
}

EXPORT("storage_read") u64 near_storage_read(u64 key_len, u64 key_ptr, u64 register_id) {
  u32 mark = down;
  buf k = storage_key(key_len, key_ptr);
  u32 pos;
  entry_t *e = find(cur, BP(k), BL(k), &pos);
  down = mark;
  if (!e || !e->present) return 0;
  reg_set(register_id, e->val, e->vlen);
  return 1;
}

EXPORT("storage_remove") u64 near_storage_remove(u64 key_len, u64 key_ptr, u64 register_id) {
  if (is_view) err_view("storage_remove");
  u32 mark = down;
  buf k = storage_key(key_len, key_ptr);
  u32 pos;
  entry_t *e = find(cur, BP(k), BL(k), &pos);
  down = mark;
  if (!e || !e->present) return 0;
  touch(e);
  u64 sub = (u64)e->vlen + e->klen + RECORD_BYTES;
  if (usage < sub) fatal();  // nearcore: InconsistentStateError
  usage -= sub;
  const u8 *old = e->val;
  u32 old_len = e->vlen;
  e->present = 0;
  e->val = 0;
  e->vlen = 0;
  reg_set(register_id, old, old_len);
  return 1;
}

EXPORT("storage_has_key") u64 near_storage_has_key(u64 key_len, u64 key_ptr) {
  u32 mark = down;
  buf k = storage_key(key_len, key_ptr);
  u32 pos;
  entry_t *e = find(cur, BP(k), BL(k), &pos);
  down = mark;
  return e && e->present;
}

// ---------------------------------------------------------------------------------------------
// The driver

static sha256_ctx tape_sha;

static u64 tape_word(void) {
  u64 w = env_input_i64();
  sha256_word(&tape_sha, w);
  return w;
}

/* `bytes` of the tape into a new buffer (the padding forced to zero) */
static buf tape_bytes(int persistent) {
  u64 len = tape_word();
  if (len > MEM_SIZE) fatal();
  u8 *p = persistent ? palloc(len) : talloc(len);
  u64 *w = (u64 *)p;
  u32 nw = ((u32)len + 7) >> 3;
  for (u32 i = 0; i < nw; i++) w[i] = tape_word();
  if (len & 7) w[nw - 1] &= (1ull << (8 * (len & 7))) - 1;
  return BUF(p, len);
}

/* nearcore's Display of the WasmTrap for a trap code of src/ir/ops.ts TRAP_CODES, as nearcore's
   runners map the engines' traps (near_vm_runner, wasmtime_runner) */
static const char *trap_text(u32 code) {
  switch (code) {
    case 1: return "WebAssembly trap: An `unreachable` opcode was executed.";
    case 2:   // integer divide by zero
    case 3:   // integer overflow
    case 12:  // invalid conversion to integer
      return "WebAssembly trap: An arithmetic exception, e.g. divided by zero.";
    case 4:  // out of bounds memory access
    case 5:  // undefined element (call_indirect past the table: a table access out of bounds)
    case 9:  // out of bounds table access
      return "WebAssembly trap: Memory out of bounds trap.";
    case 6: return "WebAssembly trap: Indirect call to null.";
    case 7: return "WebAssembly trap: Call indirect incorrect signature trap.";
    case 8: return "WebAssembly trap: Stack overflow.";
    default: return "WebAssembly trap: Generic trap.";
  }
}

// the outcome bytes being written, at the top of the persistent region
static u8 *ow;

static void out_word(u64 w) {
  if (8 > down - (u32)ow) fatal();
  *(u64 *)ow = w;
  ow += 8;
}

static void out_bytes(buf b) {
  u32 n = round8(BL(b));
  if (8 + (u64)n > down - (u32)ow) fatal();
  *(u64 *)ow = BL(b);
  wcopy(ow + 8, BP(b), BL(b));
  ow += 8 + n;
}

/* the entries the call changed, sorted by key (merge sort, bottom up) */
static entry_t **changed(u32 *count) {
  entry_t **a = (entry_t **)talloc((u64)nundo * 4), **t = (entry_t **)talloc((u64)nundo * 4);
  u32 n = 0;
  for (undo_t *u = undo_log; u; u = u->next) {
    entry_t *e = u->e;
    if (e->present != u->present || (e->present && (e->vlen != u->vlen || !weq(e->val, u->val, e->vlen))))
      a[n++] = e;
  }
  for (u32 w = 1; w < n; w *= 2) {
    for (u32 lo = 0; lo < n; lo += 2 * w) {
      u32 mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      u32 i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (key_cmp(a[i]->key, a[i]->klen, a[j]->key, a[j]->klen) <= 0) t[k++] = a[i++];
        else t[k++] = a[j++];
      }
      while (i < mid) t[k++] = a[i++];
      while (j < hi) t[k++] = a[j++];
    }
    entry_t **s = a;
    a = t;
    t = s;
  }
  *count = n;
  return a;
}

static void write_action(action_t *a) {
  out_word(a->kind);
  switch (a->kind) {
    case ACT_DEPLOY_CONTRACT:
    case ACT_DELETE_KEY:
    case ACT_DELETE_ACCOUNT:
      out_bytes(a->a);
      break;
    case ACT_FUNCTION_CALL:
      out_bytes(a->a);
      out_bytes(a->b);
      out_word(a->lo);
      out_word(a->hi);
      out_word(a->n1);
      out_word(a->n2);
      break;
    case ACT_TRANSFER:
      out_word(a->lo);
      out_word(a->hi);
      break;
    case ACT_STAKE:
      out_word(a->lo);
      out_word(a->hi);
      out_bytes(a->a);
      break;
    case ACT_ADD_KEY_FULL:
      out_bytes(a->a);
      out_word(a->n1);
      break;
    case ACT_ADD_KEY_FUNCTION_CALL:
      out_bytes(a->a);
      out_word(a->n1);
      out_word(a->n2);
      out_word(a->lo);
      out_word(a->hi);
      out_bytes(a->b);
      out_bytes(a->c);
      break;
    default:  // CreateAccount
      break;
  }
}

/* the call's part of the outcome (docs/near.md), in the persistent region */
static buf write_call(u32 failed) {
  u32 nchanges = 0;
  entry_t **ch = failed ? 0 : changed(&nchanges);
  u8 *start = (u8 *)up;
  ow = start;
  if (!failed) {
    out_word(0);
    out_word(ret_kind);
    if (ret_kind == 1) out_bytes(ret_value);
    else if (ret_kind == 2) out_word(ret_receipt);
  } else {
    out_word(1);
    out_word(fail_kind);
    out_bytes(BUF(fail_msg, fail_len));
  }
  out_word(nlogs);
  for (u32 i = 0; i < nlogs; i++) out_bytes(logs[i]);
  if (failed) {
    out_word(0);
  } else {
    out_word(nreceipts);
    for (u32 i = 0; i < nreceipts; i++) {
      receipt_t *r = &receipts[i];
      out_bytes(r->receiver);
      out_word(r->ndeps);
      for (u32 j = 0; j < r->ndeps; j++) out_word(r->deps[j]);
      out_word(r->nactions);
      for (action_t *a = r->head; a; a = a->next) write_action(a);
    }
  }
  out_word(cur->storage_usage);
  out_word(cur->bal_lo);
  out_word(cur->bal_hi);
  out_word(nchanges);
  for (u32 i = 0; i < nchanges; i++) {
    entry_t *e = ch[i];
    out_bytes(BUF(e->key, e->klen));
    out_word(e->present);
    out_bytes(BUF(e->val, e->vlen));
  }
  up = (u32)ow;
  return BUF(start, (u32)ow - (u32)start);
}

static void read_contracts(void) {
  ncontracts = guest_contracts();
  contracts = (contract_t *)palloc((u64)ncontracts * sizeof(contract_t));
  for (u32 ci = 0; ci < ncontracts; ci++) {
    contract_t *c = &contracts[ci];
    buf account = tape_bytes(1);
    c->account = BP(account);
    c->account_len = BL(account);
    c->storage_usage = tape_word();
    c->bal_lo = tape_word();
    c->bal_hi = tape_word();
    c->locked_lo = tape_word();
    c->locked_hi = tape_word();
    u64 n = tape_word();
    if (n > MEM_SIZE / sizeof(entry_t)) fatal();
    c->n = (u32)n;
    c->cap = n < 8 ? 8 : (u32)n;
    c->ents = (entry_t **)palloc((u64)c->cap * sizeof(entry_t *));
    entry_t *es = (entry_t *)palloc(n * sizeof(entry_t));
    for (u32 i = 0; i < n; i++) {
      entry_t *e = &es[i];
      buf k = tape_bytes(1);
      buf v = tape_bytes(1);
      if (i > 0 && key_cmp(es[i - 1].key, es[i - 1].klen, BP(k), BL(k)) >= 0) fatal();  // keys strictly increasing
      e->key = BP(k);
      e->klen = BL(k);
      e->val = BP(v);
      e->vlen = BL(v);
      e->present = 1;
      e->touched = 0;
      c->ents[i] = e;
    }
  }
}

/* one call of the tape: read it, run it, keep or discard its effects */
static buf run_call(void) {
  down = MEM_SIZE;  // the previous call's per-call data is gone
  u64 ci = tape_word(), mi = tape_word();
  if (ci >= ncontracts || mi >= guest_methods((u32)ci)) fatal();
  cur = &contracts[ci];
  signer_id = tape_bytes(0);
  signer_pk = tape_bytes(0);
  predecessor_id = tape_bytes(0);
  input_data = tape_bytes(0);
  block_height = tape_word();
  block_timestamp = tape_word();
  epoch_height = tape_word();
  deposit_lo = tape_word();
  deposit_hi = tape_word();
  prepaid_gas = tape_word();
  random_seed = tape_bytes(0);
  u64 view = tape_word();
  if (view > 1) fatal();
  is_view = (u32)view;
  u64 np = tape_word();
  if (np > MEM_SIZE / sizeof(presult_t)) fatal();
  npresults = (u32)np;
  presults = (presult_t *)talloc(np * sizeof(presult_t));
  for (u32 i = 0; i < npresults; i++) {
    u64 status = tape_word();
    if (status != 1 && status != 2) fatal();
    presults[i].status = (u32)status;
    presults[i].data = tape_bytes(0);
  }

  // the call's state: the contract's, the deposit added to the balance
  call_serial++;
  usage = cur->storage_usage;
  bal_lo = cur->bal_lo + deposit_lo;
  bal_hi = cur->bal_hi + deposit_hi + (bal_lo < deposit_lo);
  if (bal_hi < cur->bal_hi || (bal_hi == cur->bal_hi && bal_lo < cur->bal_lo)) fatal();  // u128 overflow
  nregs = 0;
  nlogs = 0;
  total_log = 0;
  ret_kind = 0;
  promises = 0;
  receipts = 0;
  npromises = 0;
  nreceipts = 0;
  undo_log = 0;
  nundo = 0;
  fail_kind = 0;

  u32 code = guest_call((u32)ci, (u32)mi);
  if (fatal_error) __builtin_trap();
  u32 failed = code != 0;
  if (failed) {
    if (!fail_kind) {
      const char *t = trap_text(code);
      sb_begin(80);
      sb_str(t);
      pad(sb, sbn);
      fail_kind = FAIL_TRAP;
      fail_msg = sb;
      fail_len = sbn;
    }
    for (undo_t *u = undo_log; u; u = u->next) {
      u->e->val = u->val;
      u->e->vlen = u->vlen;
      u->e->present = u->present;
    }
  } else {
    cur->storage_usage = usage;
    cur->bal_lo = bal_lo;
    cur->bal_hi = bal_hi;
  }
  return write_call(failed);
}

EXPORT("near_main") void near_main(void) {
  up = round8((u32)&__heap_base);
  down = MEM_SIZE;
  sha256_init(&tape_sha);
  if (tape_word() != 1) fatal();  // tape version
  read_contracts();
  u64 ncalls = tape_word();
  if (ncalls > MEM_SIZE / 8) fatal();
  buf *calls = (buf *)palloc(ncalls * 8);
  for (u32 i = 0; i < ncalls; i++) calls[i] = run_call();

  // the outcome: version, calls, then each call's part
  down = MEM_SIZE;
  u64 total = 16;
  for (u32 i = 0; i < ncalls; i++) total += BL(calls[i]);
  u8 *out = palloc(total);
  u64 *o = (u64 *)out;
  o[0] = 1;
  o[1] = ncalls;
  u32 at = 16;
  for (u32 i = 0; i < ncalls; i++) {
    wcopy(out + at, BP(calls[i]), BL(calls[i]));
    at += BL(calls[i]);
  }
  *(volatile u32 *)MAILBOX_OUTCOME_PTR = (u32)out;
  *(volatile u32 *)MAILBOX_OUTCOME_LEN = (u32)total;

  u64 h[4];
  sha256_final(&tape_sha, h);
  for (int i = 0; i < 4; i++) env_output_i64(h[i]);
  sha256_buf(out, (u32)total, h);
  for (int i = 0; i < 4; i++) env_output_i64(h[i]);
}
