from stlint.lsp import main

raise SystemExit(main())
