;; counter, but each event takes about 4 million instructions (a few milliseconds): slow, within budget.
(func $append (export "append") (param $ptr i32) (param $len i32)
  (local $i i32)
  (local.set $i (i32.const 1000000))
  (loop $spin (local.set $i (i32.sub (local.get $i) (i32.const 1))) (br_if $spin (local.get $i)))
  (global.set $count (i64.add (global.get $count) (i64.const 1)))
  (global.set $bump (global.get $base)))
