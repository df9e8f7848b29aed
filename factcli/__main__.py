from __future__ import annotations

from factcli._entry import main

main()
