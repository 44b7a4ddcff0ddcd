"""The lab: many AI-only games per theory lens, in parallel processes, and a report (Markdown
plus PNG charts) of how outcomes differ between lenses. `python main.py lab --help`.

    worker.py    one game in a worker process -> a plain-data summary
    runner.py    deals the games out to processes, writes the report folder
    report.py    per-lens statistics and the Markdown
    progress.py  the progress bar on stderr
    cli.py       the `lab` subcommand
"""
