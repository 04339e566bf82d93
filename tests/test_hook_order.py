"""The order the site's steps run in, stated once (mkdocs.yml `hooks:` and kb.fences' priorities), holds."""
from __future__ import annotations

from pathlib import Path

import markdown

from kb import fences
from kb.generate import load_site_config, markdown_setup

ROOT = Path(__file__).resolve().parent.parent


def _order(registry: markdown.util.Registry) -> list[str]:
    return [item.name for item in sorted(registry._priority, key=lambda item: item.priority, reverse=True)]


def test_mkdocs_hooks_run_generate_first_then_the_pdf_export() -> None:
    config = load_site_config(ROOT / "mkdocs.yml")
    assert config["hooks"] == ["hooks/generate.py", "hooks/pdf_export.py"]
    for hook in config["hooks"]:
        assert len((ROOT / hook).read_text(encoding="utf-8").splitlines()) <= 80, f"{hook}: a hook stays under 80 lines"


def test_kb_fences_runs_where_its_priorities_say() -> None:
    names, options = markdown_setup(load_site_config(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=names, extension_configs=options)
    pre = _order(md.preprocessors)
    assert pre.index("kb_directives") < pre.index("snippet") < pre.index("normalize_whitespace") < pre.index("fenced_code_block")
    assert md.preprocessors["kb_directives"] is not None and pre[0] == "kb_directives", "first: it sees the author's lines"
    assert _order(md.treeprocessors)[-1] == "kb_whole_page", "last treeprocessor: afterwards the postprocessors see the whole page"
    post = _order(md.postprocessors)
    assert post[-1] == "kb_page" and post.index("raw_html") < post.index("kb_page")
    assert (fences.PREPROCESSOR_PRIORITY, fences.WHOLE_PAGE_PRIORITY, fences.POSTPROCESSOR_PRIORITY) == (35, -100, 5)


def test_the_page_name_is_set_in_one_place_under_mkdocs() -> None:
    callers = [path.relative_to(ROOT).as_posix() for folder in ("hooks", "kb") for path in sorted((ROOT / folder).rglob("*.py"))
               if "set_page(" in path.read_text(encoding="utf-8") and path.name != "fences.py"]
    assert callers == ["hooks/generate.py", "kb/generate.py"], "MkDocs' page hook and the message-index step, nowhere else"
