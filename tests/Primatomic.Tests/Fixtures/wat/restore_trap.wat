;; The counter whose restore always traps: its snapshot and restore disagree. A replica that starts from one of its
;; checkpoints must fail the view at the checkpoint's sequence, not hide the bug by replaying.
(func $restore (export "restore") (param i32 i32) unreachable)
