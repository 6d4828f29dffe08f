;; The retired string-framed world: top-level apply/query/snapshot/restore over strings.
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
    (func (export "apply") (param i32 i32) (result i32) (i32.const 16)))
  (core instance $i (instantiate $m))
  (func (export "apply") (param "batch" string) (result (result (error string)))
    (canon lift (core func $i "apply") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
)
