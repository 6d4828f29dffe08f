(module (func (export "apply")))
