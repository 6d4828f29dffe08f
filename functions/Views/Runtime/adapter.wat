;; The host's side of every view: composed with the tenant's component (ViewComposer) so that the host makes one
;; call per batch while each event still reaches the view as its own `append(event: list<u8>)` call, inside
;; Wasmtime's compiled component-to-component adapters.
;;
;; Imports: the view's `primatomic:machine/machine@0.0.1` instance, and `primatomic:host/meter@0.0.1`, whose
;; `event-start` the host implements by resetting the store's fuel to the per-event budget (so every event is
;; metered on its own, and a trap is attributed to the event that was running).
;; Exports: init, apply(batch), query(input, max), snapshot(max), restore(state). Bytes travel as ASCII frames
;; (AsciiFrames.cs): 5 characters of length, then 19 characters per 16 bytes.
;; `max` caps the view's answer: the allocator refuses a larger copy by calling $output_too_large, which traps.
(component
  (import "primatomic:machine/machine@0.0.1" (instance $machine
    (export "init" (func))
    (export "append" (func (param "event" (list u8))))
    (export "query" (func (param "input" (list u8)) (result (list u8))))
    (export "snapshot" (func (result (list u8))))
    (export "restore" (func (param "snapshot" (list u8))))))
  (import "primatomic:host/meter@0.0.1" (instance $meter
    (export "event-start" (func))))

  ;; memory, allocator and its cap live apart so that the imports can be lowered into this memory
  (core module $heap
    (memory (export "memory") 1)
    (global (export "bump") (mut i32) (i32.const 1024))
    (global (export "cap") (mut i32) (i32.const -1))
    (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $need i32)
      (if (i32.gt_u (local.get $size) (global.get 1)) (then (call $output_too_large)))
      (local.set $p (i32.and (i32.add (global.get 0) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (local.set $need (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 16)))
      (if (i32.gt_u (local.get $need) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow (i32.sub (i32.add (i32.shr_u (local.get $need) (i32.const 16)) (i32.const 1)) (memory.size)))
                          (i32.const -1))
                (then unreachable))))
      (global.set 0 (local.get $need))
      (if (i32.ne (local.get $old) (i32.const 0)) (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p))
    (func $output_too_large unreachable))
  (core instance $h (instantiate $heap))

  (core func $init (canon lower (func $machine "init")))
  (core func $append (canon lower (func $machine "append") (memory (core memory $h "memory"))))
  (core func $query (canon lower (func $machine "query") (memory (core memory $h "memory")) (realloc (core func $h "realloc"))))
  (core func $snapshot (canon lower (func $machine "snapshot") (memory (core memory $h "memory")) (realloc (core func $h "realloc"))))
  (core func $restore (canon lower (func $machine "restore") (memory (core memory $h "memory"))))
  (core func $begin (canon lower (func $meter "event-start")))

  (core module $main
    (import "heap" "memory" (memory $own 1))
    (import "heap" "bump" (global $bump (mut i32)))
    (import "heap" "cap" (global $cap (mut i32)))
    (import "heap" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "view" "init" (func $t_init))
    (import "view" "append" (func $t_append (param i32 i32)))
    (import "view" "query" (func $t_query (param i32 i32 i32)))
    (import "view" "snapshot" (func $t_snapshot (param i32)))
    (import "view" "restore" (func $t_restore (param i32 i32)))
    (import "meter" "begin" (func $begin))

    ;; #include frames.wat

    (global $n (mut i32) (i32.const 0))
    ;; unpacks one frame into a new scratch buffer; its length goes to $n
    (func $frame (param $ptr i32) (result i32)
      (local $scratch i32)
      (global.set $n (call $length (local.get $ptr)))
      (local.set $scratch (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.add (global.get $n) (i32.const 16))))
      (call $unpack (i32.add (local.get $ptr) (i32.const 5)) (call $chars (global.get $n)) (local.get $scratch))
      (local.get $scratch))

    ;; applies each frame of the batch as one event: event-start, unpack, append
    (func (export "apply") (param $ptr i32) (param $len i32)
      (local $end i32) (local $scratch i32) (local $mark i32)
      (local.set $end (i32.add (local.get $ptr) (local.get $len)))
      (local.set $mark (global.get $bump))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (call $begin)
        (local.set $scratch (call $frame (local.get $ptr)))
        (call $t_append (local.get $scratch) (global.get $n))
        (global.set $bump (local.get $mark))
        (local.set $ptr (i32.add (local.get $ptr) (i32.add (i32.const 5) (call $chars (global.get $n)))))
        (br $next)))
      (global.set $bump (i32.const 1024)))

    (func (export "init") (call $t_init))
    (func (export "restore") (param $ptr i32) (param $len i32)
      (local $scratch i32)
      (local.set $scratch (call $frame (local.get $ptr)))
      (call $t_restore (local.get $scratch) (global.get $n))
      (global.set $bump (i32.const 1024)))
    (func $encode_result (param $ret i32) (result i32)
      ;; the view's answer is at (ret) ptr, (ret+4) len; pack it into a new string
      (local $out i32) (local $chars i32) (local $len i32)
      (global.set $cap (i32.const -1))
      (local.set $len (i32.load offset=4 (local.get $ret)))
      (local.set $chars (call $chars (local.get $len)))
      (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.add (local.get $chars) (i32.const 16))))
      (i32.store8 (local.get $out) (i32.and (local.get $len) (i32.const 127)))
      (i32.store8 offset=1 (local.get $out) (i32.and (i32.shr_u (local.get $len) (i32.const 7)) (i32.const 127)))
      (i32.store8 offset=2 (local.get $out) (i32.and (i32.shr_u (local.get $len) (i32.const 14)) (i32.const 127)))
      (i32.store8 offset=3 (local.get $out) (i32.and (i32.shr_u (local.get $len) (i32.const 21)) (i32.const 127)))
      (i32.store8 offset=4 (local.get $out) (i32.shr_u (local.get $len) (i32.const 28)))
      (call $pack (i32.load (local.get $ret)) (local.get $len) (i32.add (local.get $out) (i32.const 5)))
      (i32.store (local.get $ret) (local.get $out))
      (i32.store offset=4 (local.get $ret) (i32.add (local.get $chars) (i32.const 5)))
      (local.get $ret))
    ;; query(input, max) -> string: max caps the view's answer in bytes
    (func (export "query") (param $ptr i32) (param $len i32) (param $max i32) (result i32)
      (local $scratch i32) (local $ret i32)
      (local.set $scratch (call $frame (local.get $ptr)))
      (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 8)))
      (global.set $cap (local.get $max))
      (call $t_query (local.get $scratch) (global.get $n) (local.get $ret))
      (call $encode_result (local.get $ret)))
    (func (export "snapshot") (param $max i32) (result i32)
      (local $ret i32)
      (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 8)))
      (global.set $cap (local.get $max))
      (call $t_snapshot (local.get $ret))
      (call $encode_result (local.get $ret)))
    (func (export "reset") (param i32) (global.set $bump (i32.const 1024)))
  )
  (core instance $v
    (export "init" (func $init)) (export "append" (func $append)) (export "query" (func $query))
    (export "snapshot" (func $snapshot)) (export "restore" (func $restore)))
  (core instance $mt (export "begin" (func $begin)))
  (core instance $i (instantiate $main (with "heap" (instance $h)) (with "view" (instance $v)) (with "meter" (instance $mt))))

  (func (export "init") (canon lift (core func $i "init")))
  (func (export "apply") (param "batch" string)
    (canon lift (core func $i "apply") (memory (core memory $h "memory")) (realloc (core func $h "realloc"))))
  (func (export "query") (param "input" string) (param "max" u32) (result string)
    (canon lift (core func $i "query") (memory (core memory $h "memory")) (realloc (core func $h "realloc")) (post-return (core func $i "reset"))))
  (func (export "snapshot") (param "max" u32) (result string)
    (canon lift (core func $i "snapshot") (memory (core memory $h "memory")) (realloc (core func $h "realloc")) (post-return (core func $i "reset"))))
  (func (export "restore") (param "state" string)
    (canon lift (core func $i "restore") (memory (core memory $h "memory")) (realloc (core func $h "realloc"))))
)
