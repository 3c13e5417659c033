;; Found by the malformed-input fuzzer (a rustc module whose element section was replaced).
;; A table whose entries are all null: call_indirect jumps to the dispatch table, which is not
;; emitted when no function is reachable through a table.
;;   wasm2zkasm run call-indirect-null-table.wat
;;   error[W2Z2301]: …: internal error: the compiled zkASM does not assemble: undefined label __w2z_dispatch
;; Expected: TRAP uninitialized element (exit 3).
;; Where: src/backend/lower/call.ts lowerCallIndirect (size > 0, dispatch empty) and
;; src/backend/program.ts (the dispatch label only when ctx.dispatch.length > 0).
(module
  (type $t (func (result i32)))
  (table 2 funcref)
  (func $f (type $t) (i32.const 7))
  (func (export "main") (result i32) (call_indirect (type $t) (i32.const 0))))
