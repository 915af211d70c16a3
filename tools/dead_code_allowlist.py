"""Names vulture (the dead-code check of `make lint`) cannot see used, and why.

Each is used by a framework that calls it by name, not by our code: MkDocs calls the
plugin's `on_*` hooks and Jinja2 the bytecode cache's methods; click calls the commands;
pydantic calls validators and reads `model_config`; Altair calls the registered theme;
markdown-it reads `validateLink`; PyYAML reads `yaml_constructors`. A name listed here that
goes out of use elsewhere is not reported: keep the list to such framework names.
"""

# ruff: noqa
_.validateLink  # unused attribute (builder/body.py:63)
dateline_theme  # unused function (builder/chart/theme.py:19)
new  # unused function (builder/cli.py:210)
deploy  # unused function (builder/cli.py:233)
init  # unused function (builder/cli.py:286)
outputs  # unused function (builder/emit.py:44)
_.yaml_constructors  # unused attribute (builder/located.py:149)
model_config  # unused variable (builder/models.py:123)
model_post_init  # unused function (builder/models.py:125)
_._not_before_start  # unused method (builder/models.py:264)
origin  # unused variable (builder/models.py:323)
_._not_before_published  # unused method (builder/models.py:376)
_._time_of_a_modified_day  # unused method (builder/models.py, an article's validator)
_._with_a_date  # unused method (builder/models.py, a control map's validator)
_._in_order  # unused method (builder/models.py, a control map's validator)
_.on_startup  # unused method (builder/plugin.py:100)
_.on_shutdown  # unused method (builder/plugin.py:114)
_.on_config  # unused method (builder/plugin.py:122)
_.on_pre_build  # unused method (builder/plugin.py:155)
_.on_files  # unused method (builder/plugin.py:187)
_.on_page_markdown  # unused method (builder/plugin.py:226)
_.on_page_content  # unused method (builder/plugin.py:229)
_.toc  # unused attribute (builder/plugin.py:233)
_.present_anchor_ids  # unused attribute (builder/plugin.py:234)
nav  # unused variable (builder/plugin.py:238)
nav  # unused variable (builder/plugin.py:245)
nav  # unused variable (builder/plugin.py:251)
on_page_context  # unused variable (builder/plugin.py:257)
_.on_post_page  # unused method (builder/plugin.py:259)
on_post_build  # unused variable (builder/plugin.py:288)
_.on_env  # unused method (builder/plugin.py:292)
_.bytecode_cache  # unused attribute (builder/plugin.py:295)
_.on_serve  # unused method (builder/plugin.py:298)
builder  # unused variable (builder/plugin.py:298)
_.load_bytecode  # unused method (builder/plugin.py:360)
_.dump_bytecode  # unused method (builder/plugin.py:365)
output_format  # read by reports_errors from the command's keyword arguments (builder/cli.py)
_.observer  # unused attribute (builder/serving.py, read by MkDocs' LiveReloadServer.serve)
_.build_delay  # unused attribute (builder/serving.py, read by MkDocs' LiveReloadServer._build_loop)
Process  # read by concurrent.futures from the context it is given (builder/vlworker.py)
