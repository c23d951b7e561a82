"""Getting data in and out. ``registry.py`` lists every format; each format has one module
that holds all its rules, reading and/or writing (``jsonl``, ``doccano``, ``conll``, ``hf``,
``csv_table``, ``txt``, ``sqlite_table``). ``reading``/``writing`` hold what readers and
writers share; ``import_run`` and ``export_run`` are the one entry point each for the CLI
and the app (streaming, all-or-nothing, atomic output)."""
