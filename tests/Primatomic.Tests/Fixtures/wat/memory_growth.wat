;; counter, but append grows memory until memory.grow fails, then traps.
(func $append (export "append") (param i32 i32)
  (loop $more (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
  unreachable)
