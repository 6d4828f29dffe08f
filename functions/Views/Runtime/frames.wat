;; The adapter's half of AsciiFrames.cs: included where `;; #include frames.wat` stands (HostAdapter.cs), in a core
;; module whose frame memory is named $own. A frame is 5 characters of length (7 bits each), then per 16 bytes of
;; payload 16 characters holding the low 7 bits of each byte and 3 characters holding the 16 high bits.

    ;; a frame's payload length
    (func $length (param $ptr i32) (result i32)
      (i32.or (i32.or (i32.or (i32.load8_u $own (local.get $ptr))
                              (i32.shl (i32.load8_u $own offset=1 (local.get $ptr)) (i32.const 7)))
                      (i32.or (i32.shl (i32.load8_u $own offset=2 (local.get $ptr)) (i32.const 14))
                              (i32.shl (i32.load8_u $own offset=3 (local.get $ptr)) (i32.const 21))))
              (i32.shl (i32.load8_u $own offset=4 (local.get $ptr)) (i32.const 28))))

    ;; characters that a payload of $bytes takes after the length
    (func $chars (param $bytes i32) (result i32)
      (i32.mul (i32.shr_u (i32.add (local.get $bytes) (i32.const 15)) (i32.const 4)) (i32.const 19)))

    ;; 19 characters -> 16 bytes. Stores whole blocks: up to 15 bytes past the payload, which every scratch buffer
    ;; leaves room for.
    (func $unpack (param $src i32) (param $chars i32) (param $dst i32)
      (local $end i32) (local $high i32)
      (local.set $end (i32.add (local.get $src) (local.get $chars)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $high (i32.or (i32.or (i32.load8_u $own offset=16 (local.get $src))
                                         (i32.shl (i32.load8_u $own offset=17 (local.get $src)) (i32.const 7)))
                                 (i32.shl (i32.load8_u $own offset=18 (local.get $src)) (i32.const 14))))
        ;; lane i of the mask: 0x80 if bit i of $high is set
        (v128.store $own align=1 (local.get $dst)
          (v128.or (v128.load $own align=1 (local.get $src))
            (v128.and (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80)
              (i8x16.eq (v128.const i8x16 1 2 4 8 16 32 64 128 1 2 4 8 16 32 64 128)
                (v128.and (v128.const i8x16 1 2 4 8 16 32 64 128 1 2 4 8 16 32 64 128)
                  (i8x16.swizzle (i16x8.splat (local.get $high))
                                 (v128.const i8x16 0 0 0 0 0 0 0 0 1 1 1 1 1 1 1 1)))))))
        (local.set $src (i32.add (local.get $src) (i32.const 19)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))

    ;; 16 bytes -> 19 characters. Reads whole blocks, up to 15 bytes past the payload (the host ignores them).
    (func $pack (param $src i32) (param $bytes i32) (param $dst i32)
      (local $block v128) (local $high i32) (local $end i32)
      (local.set $end (i32.add (local.get $src) (local.get $bytes)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $block (v128.load $own align=1 (local.get $src)))
        (local.set $high (i8x16.bitmask (local.get $block)))
        (v128.store $own align=1 (local.get $dst)
          (v128.and (local.get $block) (v128.const i8x16 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F 0x7F)))
        (i32.store8 $own offset=16 (local.get $dst) (i32.and (local.get $high) (i32.const 127)))
        (i32.store8 $own offset=17 (local.get $dst) (i32.and (i32.shr_u (local.get $high) (i32.const 7)) (i32.const 127)))
        (i32.store8 $own offset=18 (local.get $dst) (i32.shr_u (local.get $high) (i32.const 14)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 19)))
        (br $next))))
