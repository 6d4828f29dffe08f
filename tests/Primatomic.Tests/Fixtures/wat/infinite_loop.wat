;; counter, but append never returns: it must run out of its per-event work budget.
(func $append (export "append") (param i32 i32) (loop $forever (br $forever)))
