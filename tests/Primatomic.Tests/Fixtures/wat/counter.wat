;; A well-behaved counter view: apply counts events, query answers {"count":N}.
(component
  (core module $m

    (memory (export "memory") 1)
    (global $base i32 (i32.const 65536))
    (global $bump (mut i32) (i32.const 65536))
    (global $count (mut i64) (i64.const 0))
    (data (i32.const 256) "bad snapshot")
    ;; canonical-ABI realloc over a bump allocator that every export resets when done
    (func $realloc (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $need i32)
      (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $old_size)))
        (then (return (local.get $old))))
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
    (func $reset (export "reset") (param i32) (global.set $bump (global.get $base)))
    ;; reads n 7-bit groups, least significant first
    (func $groups (param $p i32) (param $n i32) (result i64)
      (local $v i64) (local $i i32)
      (local.set $i (local.get $n))
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $v (i64.or (i64.shl (local.get $v) (i64.const 7))
                              (i64.extend_i32_u (i32.load8_u (i32.add (local.get $p) (local.get $i))))))
        (br $next)))
      (local.get $v))
    ;; writes the decimal digits of $v ending just before $end; returns the start
    (func $digits (param $v i64) (param $end i32) (result i32)
      (loop $next
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (i32.store8 (local.get $end) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
        (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
        (br_if $next (i64.ne (local.get $v) (i64.const 0))))
      (local.get $end))
    ;; result<_, string> ok
    (func $ok (result i32) (call $reset (i32.const 0)) (i32.store8 (i32.const 16) (i32.const 0)) (i32.const 16))

    (func (export "apply") (param $ptr i32) (param $len i32) (result i32)
      (local $end i32)
      (local.set $end (i32.add (local.get $ptr) (local.get $len)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        
        (global.set $count (i64.add (global.get $count) (i64.const 1)))
        (local.set $ptr (i32.add (i32.add (local.get $ptr) (i32.const 16))
                                 (i32.wrap_i64 (call $groups (i32.add (local.get $ptr) (i32.const 11)) (i32.const 5)))))
        (br $next)))
      (call $ok))

    ;; query -> {"count":N}
    (func (export "query") (param $ptr i32) (param $len i32) (result i32)
      (local $start i32)
      (i32.store8 (i32.const 1023) (i32.const 125))
      (local.set $start (call $digits (global.get $count) (i32.const 1023)))
      (local.set $start (i32.sub (local.get $start) (i32.const 9)))
      (i64.store align=1 (local.get $start) (i64.const 0x746e756f63227b))  ;; {"count (7 bytes) + filler overwritten below
      (i32.store8 offset=7 (local.get $start) (i32.const 34))               ;; "
      (i32.store8 offset=8 (local.get $start) (i32.const 58))               ;; :
      (i32.store8 (i32.const 16) (i32.const 0))
      (i32.store (i32.const 20) (local.get $start))
      (i32.store (i32.const 24) (i32.sub (i32.const 1024) (local.get $start)))
      (i32.const 16))

    ;; snapshot -> decimal count
    (func (export "snapshot") (result i32)
      (local $start i32)
      (local.set $start (call $digits (global.get $count) (i32.const 2048)))
      (i32.store (i32.const 32) (local.get $start))
      (i32.store (i32.const 36) (i32.sub (i32.const 2048) (local.get $start)))
      (i32.const 32))
    (func (export "restore") (param $ptr i32) (param $len i32) (result i32)
      (local $v i64) (local $end i32) (local $c i32)
      (local.set $end (i32.add (local.get $ptr) (local.get $len)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $c (i32.sub (i32.load8_u (local.get $ptr)) (i32.const 48)))
        (if (i32.gt_u (local.get $c) (i32.const 9))
          (then
            (call $reset (i32.const 0))
            (i32.store8 (i32.const 16) (i32.const 1))
            (i32.store (i32.const 20) (i32.const 256))
            (i32.store (i32.const 24) (i32.const 12))
            (return (i32.const 16))))
        (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
      (global.set $count (local.get $v))
      (call $ok))
  )
  (core instance $i (instantiate $m))
  (func (export "apply") (param "batch" string) (result (result (error string)))
    (canon lift (core func $i "apply") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
  (func (export "query") (param "input" string) (result (result string (error string)))
    (canon lift (core func $i "query") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))
      (post-return (core func $i "reset"))))
  (func (export "snapshot") (result string)
    (canon lift (core func $i "snapshot") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))
      (post-return (core func $i "reset"))))
  (func (export "restore") (param "state" string) (result (result (error string)))
    (canon lift (core func $i "restore") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
)
