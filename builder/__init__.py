"""Dateline: a static site generator for data journalism about contested ground.

The pipeline is `load -> validate -> derive -> chart -> render -> emit`; `builder.pipeline`
shows it in one function. Only `emit` (and the plugin and CLI around it) touch MkDocs or disk.
"""
