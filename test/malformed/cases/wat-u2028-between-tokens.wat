(module (func (export "main") (i32.const 1)  drop))
