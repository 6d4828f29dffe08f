;; The direct append path (Direct/DirectAppendSplice.cs): spliced into a tenant's component whose exported `append`
;; is a plain `canon lift` of a core function. Its `apply` does per event what the canonical ABI does to call that
;; `append` (allocate the list with the view's cabi_realloc, copy the bytes in, call the core function, then its
;; post-return function if it has one: lines marked "post-return" are left out otherwise) but with one
;; memory.copy instead of the byte-by-byte copy of a fused adapter, and with event-start before each event (as the
;; general path in adapter.wat).
(module
  (import "view" "memory" (memory $view 0))
  (import "view" "realloc" (func $view_realloc (param i32 i32 i32 i32) (result i32)))
  (import "view" "append" (func $view_append (param i32 i32)))
  (import "view" "begin" (func $begin))
  (import "view" "post-return" (func $view_post_return)) ;; post-return
  (memory $own (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))

  ;; only the host's batch string is allocated here; apply frees it
  (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $bump (i32.add (local.get $p) (local.get $size)))
    (call $reserve (global.get $bump))
    (if (i32.ne (local.get $old) (i32.const 0))
      (then (memory.copy $own $own (local.get $p) (local.get $old) (local.get $old_size))))
    (local.get $p))

  ;; grows $own to hold $end bytes
  (func $reserve (param $end i32)
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size $own) (i32.const 65536)))
      (then (if (i32.eq (memory.grow $own (i32.sub (i32.add (i32.shr_u (local.get $end) (i32.const 16)) (i32.const 1)) (memory.size $own)))
                        (i32.const -1))
              (then unreachable)))))

  ;; #include frames.wat

  ;; applies each frame of the batch as one event: event-start, unpack, the view's realloc, copy, the view's append
  (func (export "apply") (param $ptr i32) (param $len i32)
    (local $end i32) (local $scratch i32) (local $n i32) (local $dst i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    ;; no payload is longer than its frame: one scratch buffer of the batch's size (+16 for whole-block stores) serves all
    (local.set $scratch (global.get $bump))
    (call $reserve (i32.add (i32.add (local.get $scratch) (local.get $len)) (i32.const 16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
      (call $begin)
      (local.set $n (call $length (local.get $ptr)))
      (call $unpack (i32.add (local.get $ptr) (i32.const 5)) (call $chars (local.get $n)) (local.get $scratch))
      (local.set $dst (call $view_realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
      (memory.copy $view $own (local.get $dst) (local.get $scratch) (local.get $n))
      (call $view_append (local.get $dst) (local.get $n))
      (call $view_post_return) ;; post-return
      (local.set $ptr (i32.add (local.get $ptr) (i32.add (i32.const 5) (call $chars (local.get $n)))))
      (br $next)))
    (global.set $bump (i32.const 1024)))
)
