;; The counter with a table declared far beyond Views:MaxTableElements: refused at deploy, nothing stored.
(table $huge 10000000 funcref)
