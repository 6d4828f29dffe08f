;; Exports the published interface name, but append takes a string instead of list<u8>.
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
    (func (export "noop"))
    (func (export "take") (param i32 i32))
    (func (export "bytes") (param i32 i32) (result i32) (i64.store (i32.const 16) (i64.const 0)) (i32.const 16))
    (func (export "empty") (result i32) (i64.store (i32.const 16) (i64.const 0)) (i32.const 16)))
  (core instance $i (instantiate $m))
  (type $bytes (list u8))
  (func $init (canon lift (core func $i "noop")))
  (func $append (param "event" string) (canon lift (core func $i "take") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func $query (param "input" $bytes) (result $bytes) (canon lift (core func $i "bytes") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func $snapshot (result $bytes) (canon lift (core func $i "empty") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func $restore (param "snapshot" $bytes) (canon lift (core func $i "take") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (instance $machine
    (export "init" (func $init)) (export "append" (func $append)) (export "query" (func $query))
    (export "snapshot" (func $snapshot)) (export "restore" (func $restore)))
  (export "primatomic:machine/machine@0.0.1" (instance $machine))
)
