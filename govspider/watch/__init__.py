"""The daily watch (日常预警) between spot checks: a light check of every site, warnings before a
time or count line is crossed, and only what changed sent on.

- ``margins.py`` — the ruleset's ``warnings`` table, checked against the lines it shadows;
- ``detect.py`` — one site's warnings, decided by the analyzers themselves;
- ``changes.py`` — new / worse / cleared since the last run, and the state file;
- ``spider.py`` — the light check (homepage, column lists, letter lists);
- ``run.py`` — the whole run; ``output.py`` — warnings.jsonl, .html, .xlsx;
- ``defaults.py`` — the defaults, named like the settings.
"""
