;; counter, but its start function never returns: instantiation must run out of budget at deploy.
(func $forever (loop $l (br $l)))
(start $forever)
