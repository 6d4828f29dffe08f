;; counter, but query never returns: it must run out of its per-query budget, and only that query fails.
(func $query (export "query") (param i32 i32) (result i32) (loop $forever (br $forever)) (i32.const 16))
