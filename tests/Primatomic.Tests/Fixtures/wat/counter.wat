;; A well-behaved counter view of world primatomic:machine/state-machine@0.0.1: append counts events, query answers
;; {"count":N}, the snapshot is N in decimal. The hostile fixtures beside it are this view with some functions
;; replaced (WatFixtures merges them by function name).
(component
  (core module $m
    (memory (export "memory") 1)
    (global $base i32 (i32.const 65536))
    (global $bump (mut i32) (i32.const 65536))
    (global $count (mut i64) (i64.const 0))
    (global $inits (mut i32) (i32.const 0))
    ;; canonical-ABI realloc over a bump allocator that every export resets when done
    (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $need i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (local.set $need (i32.add (local.get $p) (local.get $size)))
      (if (i32.gt_u (local.get $need) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow (i32.sub (i32.add (i32.shr_u (local.get $need) (i32.const 16)) (i32.const 1)) (memory.size)))
                          (i32.const -1))
                (then unreachable))))
      (global.set $bump (local.get $need))
      (if (i32.ne (local.get $old) (i32.const 0)) (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p))
    (func $reset (export "cabi_post_query") (param i32) (global.set $bump (global.get $base)))
    ;; writes the decimal digits of $v ending just before $end; returns the start
    (func $digits (param $v i64) (param $end i32) (result i32)
      (loop $next
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (i32.store8 (local.get $end) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
        (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
        (br_if $next (i64.ne (local.get $v) (i64.const 0))))
      (local.get $end))
    ;; a list<u8> result: (ptr, len) at 16
    (func $answer (param $start i32) (param $end i32) (result i32)
      (i32.store (i32.const 16) (local.get $start))
      (i32.store (i32.const 20) (i32.sub (local.get $end) (local.get $start)))
      (i32.const 16))

    (func $init (export "init")
      (if (global.get $inits) (then unreachable))
      (global.set $inits (i32.const 1)))
    (func $append (export "append") (param $ptr i32) (param $len i32)
      (global.set $count (i64.add (global.get $count) (i64.const 1)))
      (global.set $bump (global.get $base)))
    ;; query -> {"count":N}
    (func $query (export "query") (param $ptr i32) (param $len i32) (result i32)
      (local $start i32)
      (i32.store8 (i32.const 1023) (i32.const 125))
      (local.set $start (i32.sub (call $digits (global.get $count) (i32.const 1023)) (i32.const 9)))
      (i64.store align=1 (local.get $start) (i64.const 0x746e756f63227b))  ;; {"count
      (i32.store8 offset=7 (local.get $start) (i32.const 34))               ;; "
      (i32.store8 offset=8 (local.get $start) (i32.const 58))               ;; :
      (call $answer (local.get $start) (i32.const 1024)))
    ;; snapshot -> decimal count
    (func $snapshot (export "snapshot") (result i32)
      (call $answer (call $digits (global.get $count) (i32.const 2048)) (i32.const 2048)))
    (func $restore (export "restore") (param $ptr i32) (param $len i32)
      (local $v i64) (local $end i32) (local $c i32)
      (local.set $end (i32.add (local.get $ptr) (local.get $len)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $c (i32.sub (i32.load8_u (local.get $ptr)) (i32.const 48)))
        (if (i32.gt_u (local.get $c) (i32.const 9)) (then unreachable))
        (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
      (global.set $count (local.get $v))
      (global.set $bump (global.get $base)))
  )
  (core instance $i (instantiate $m))
  (type $bytes (list u8))
  (func $init (canon lift (core func $i "init")))
  (func $append (param "event" $bytes)
    (canon lift (core func $i "append") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func $query (param "input" $bytes) (result $bytes)
    (canon lift (core func $i "query") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
      (post-return (core func $i "cabi_post_query"))))
  (func $snapshot (result $bytes)
    (canon lift (core func $i "snapshot") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
      (post-return (core func $i "cabi_post_query"))))
  (func $restore (param "snapshot" $bytes)
    (canon lift (core func $i "restore") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (instance $machine
    (export "init" (func $init)) (export "append" (func $append)) (export "query" (func $query))
    (export "snapshot" (func $snapshot)) (export "restore" (func $restore)))
  (export "primatomic:machine/machine@0.0.1" (instance $machine))
)
