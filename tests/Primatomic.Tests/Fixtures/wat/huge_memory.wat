;; counter, but its memory starts at 4 GiB: instantiation must fail at deploy.
(memory $huge 65535)
