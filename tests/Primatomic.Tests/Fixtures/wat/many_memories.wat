;; counter, but with four more memories that append grows as far as they go: together they stay within one budget.
(memory $m1 1) (memory $m2 1) (memory $m3 1) (memory $m4 1)
(func $append (export "append") (param i32 i32)
  (loop $g1 (br_if $g1 (i32.ne (memory.grow $m1 (i32.const 16)) (i32.const -1))))
  (loop $g2 (br_if $g2 (i32.ne (memory.grow $m2 (i32.const 16)) (i32.const -1))))
  (loop $g3 (br_if $g3 (i32.ne (memory.grow $m3 (i32.const 16)) (i32.const -1))))
  (loop $g4 (br_if $g4 (i32.ne (memory.grow $m4 (i32.const 16)) (i32.const -1))))
  (global.set $count (i64.add (global.get $count) (i64.const 1))))
(func $snapshot (export "snapshot") (result i32)
  (i64.store (i32.const 4096) (i64.extend_i32_u (i32.add (i32.add (memory.size $m1) (memory.size $m2)) (i32.add (memory.size $m3) (memory.size $m4)))))
  (call $answer (call $digits (i64.load (i32.const 4096)) (i32.const 2048)) (i32.const 2048)))
;; query answers the same total, so the service test can read it
(func $query (export "query") (param i32 i32) (result i32) (call $snapshot))
