;; counter, but the fifth event traps.
(func $append (export "append") (param $ptr i32) (param $len i32)
  (global.set $count (i64.add (global.get $count) (i64.const 1)))
  (if (i64.eq (global.get $count) (i64.const 5)) (then unreachable))
  (global.set $bump (global.get $base)))
