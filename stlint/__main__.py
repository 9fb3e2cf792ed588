from stlint.cli import main

raise SystemExit(main())
