(module (func (export "f") (param i32)))
(assert_return (invoke "f" (i32.const 1 )))
