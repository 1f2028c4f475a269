"""Speed and memory measurements behind `bench/run.py`, one module per measurement.

`tasks.TASKS` maps a task name to the module that measures it; `orchestrate` runs each task in
its own process per corpus and `tables` prints what came back. See bench/README.md.
"""
