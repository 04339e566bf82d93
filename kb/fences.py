"""The ```calculator and ```snippet directives as Python-Markdown: SuperFences custom fences plus one extension.

Generator-neutral: MkDocs and Zensical both render pages with Python-Markdown and read
`markdown_extensions` from mkdocs.yml, so everything here runs in both builds:

    markdown_extensions:
      - kb.fences
      - pymdownx.superfences:
          custom_fences:
            - {name: calculator, class: calculator, format: !!python/name:kb.fences.calculator_format,
               validator: !!python/name:kb.fences.directive_validator}
            - {name: snippet, ...}

The extension (`kb.fences`) adds:

- a preprocessor (priority 35, before pymdownx.snippets and SuperFences) that finds the page's
  directive blocks as the author wrote them (kb.directives; blocks inside HTML comments are
  skipped), checks every one in page order, and tags each opening fence with its number, so the
  formatter renders the checked block and a bad one stops the build with `docs/page.md:LINE:
  reason` (the line is the file's, front matter included);
- a postprocessor (after the raw HTML is back) that fails a block merged into a paragraph or a
  table cell, links the page's stylesheets and scripts once (only on pages with a calculator or a
  snippet, paths relative to the page, so file:// works), gives tooltips to abbreviations in the
  injected HTML and links message IDs to the message index;
- the glossary page's definition list in place of its marker.

The page being rendered is known from Zensical's rendering context, or, under MkDocs (which
tells Python-Markdown nothing about the page), from `set_page`, called by hooks/generate.py.
"""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.superfences import SuperFencesException

from calculators.errors import ProjectError
from calculators.page_links import insert_jump_links
from kb import calculator_directive, snippet_directive
from kb.calculator_index import summary as calculator_summary
from kb.directives import Directive, DirectiveError, bounded, find_directives, standalone_error
from kb.glossary import GLOSSARY_MARKER, render_glossary, site_glossary
from kb.message_catalogue import site_catalogue
from kb.page_text import annotate_cached
from kb.profile import ProfileError, activate

try:  # under MkDocs, a BuildError subclass makes `mkdocs build` print the one line, without a traceback
    from mkdocs.exceptions import PluginError as _GeneratorError
except ImportError:  # pragma: no cover - a build without MkDocs installed
    _GeneratorError = Exception  # type: ignore[assignment,misc]

KINDS = ("calculator", "snippet")
BLOCK_OPTION = "kb_block"
INDEX_PAGE = "messages.md"
GLOSSARY_PAGE = "glossary.md"
PROFILE_PAGE = "profile.md"
PROFILE_MARKER = "<!-- kb-profile-variables -->"
# Opening tags of the two directives' output: a block merged into a paragraph shows up as `<p>…<div class="kb-…`.
_OUTPUT_OPENINGS = re.compile(r'<(?:div|section) class="kb-(?:calc|snippet)"')
_STATE = "kb_fences_page"
# Where kb.fences runs among the site's Markdown steps, in one place (tests/test_hook_order.py checks these
# against a Markdown built from mkdocs.yml; the MkDocs hooks' own order is mkdocs.yml `hooks:`: generate, then
# pdf_export):
# - the directive preprocessor before pymdownx.snippets (32), whitespace normalisation (30) and SuperFences
#   (25): it sees the page as its author wrote it, so its errors give the file's lines;
# - the whole-page marker after every treeprocessor (toc 5, abbr 7, inline 20 …);
# - the page postprocessor after raw HTML is put back (30), footnotes (25) and `&` substitution (20).
PREPROCESSOR_PRIORITY = 35
WHOLE_PAGE_PRIORITY = -100
POSTPROCESSOR_PRIORITY = 5


class FenceError(ProjectError, SuperFencesException, _GeneratorError):
    """A malformed directive: `docs/page.md:LINE: reason`; stops the build under either generator."""


@dataclass(frozen=True)
class PageContext:
    """Which page is rendered: its path under docs/, the docs folder, and the project folder."""

    src_uri: str
    docs_dir: str
    project_dir: str

    @property
    def author_path(self) -> str:
        """The page's path as its author sees it from the project root (docs/bicycles/tire-pressure.md)."""
        return posixpath.join(os.path.relpath(self.docs_dir, self.project_dir).replace(os.sep, "/"), self.src_uri)

    @property
    def root(self) -> str:
        """The site root relative to the page's HTML ('', '../', …); pages are written as NAME.html beside their source."""
        return "../" * self.src_uri.count("/")


_mkdocs_page: list[PageContext] = []


def set_page(src_uri: str, docs_dir: str, project_dir: str) -> None:
    """Tell the extension which page MkDocs renders next (hooks/generate.py calls this in on_page_markdown)."""
    _mkdocs_page[:] = [PageContext(src_uri.replace(os.sep, "/"), docs_dir, project_dir)]


def page_context(md: Markdown) -> PageContext:
    """The page being rendered: Zensical's rendering context when present, else the one set_page gave."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        context = None
    else:
        context = ContextPreprocessor.from_markdown(md)
    if context is not None:
        root = str(context.config.get("root_dir") or os.getcwd())
        docs_dir = os.path.join(root, str(context.config.get("docs_dir") or "docs"))
        path = str(context.page.path)
        src_uri = os.path.relpath(path, docs_dir) if os.path.isabs(path) else path
        return PageContext(src_uri.replace(os.sep, "/"), docs_dir, root)
    if _mkdocs_page:
        return _mkdocs_page[0]
    raise FenceError("kb.fences: the page being rendered is unknown: under MkDocs list hooks/generate.py in mkdocs.yml `hooks:`")


@dataclass
class PageState:
    """One page's checked directives, in page order, and what they need on the page."""

    page: PageContext
    prepared: list[tuple[Directive, Any]] = field(default_factory=list)
    rendered: list[Directive] = field(default_factory=list)
    snippet_ids: dict[str, int] = field(default_factory=dict)
    # False until every treeprocessor ran: before that, postprocessors see fragments only (the toc
    # extension runs them over each heading's text to name its entry).
    whole_page: bool = False


def body_offset(body: str, source: str) -> int:
    """How many file lines come before the body's first line (front matter, blank lines after it)."""
    body_lines = body.rstrip().split("\n")
    source_lines = source.rstrip().split("\n")
    if len(source_lines) >= len(body_lines) and source_lines[len(source_lines) - len(body_lines):] == body_lines:
        return len(source_lines) - len(body_lines)
    return 0


_profile_loaded: list[tuple[str, str]] = []


def activate_profile(project_dir: str, force: bool = False) -> None:
    """Load KB_PROFILE for this process once (kb.generate forces a reload each build); a bad file stops the build."""
    key = (project_dir, os.environ.get("KB_PROFILE", ""))
    if force or _profile_loaded != [key]:
        try:
            activate(Path(project_dir))
        except ProfileError as error:
            raise FenceError(str(error)) from None
        _profile_loaded[:] = [key]


class DirectivePreprocessor(Preprocessor):
    """Find and check the page's directive blocks, tag each opening fence, fill the glossary marker."""

    def __init__(self, md: Markdown, kinds: tuple[str, ...]) -> None:
        super().__init__(md)
        self.kinds = kinds

    def run(self, lines: list[str]) -> list[str]:
        page = page_context(self.md)
        activate_profile(page.project_dir)
        state = PageState(page)
        setattr(self.md, _STATE, state)
        body = "\n".join(lines)
        source_file = Path(page.docs_dir) / page.src_uri
        source = source_file.read_text(encoding="utf-8-sig") if source_file.is_file() else body
        first_line = body_offset(body, source) + 1
        try:
            directives = find_directives(body, self.kinds, page.author_path, first_line)
            seen_calculators: set[str] = set()
            for directive in directives:
                if directive.kind == "calculator":
                    prepared: Any = calculator_directive.prepare(directive)
                    if prepared.name in seen_calculators:
                        raise directive.error(f"calculator directive: '{prepared.name}' is already on this page (both would share the URL query)")
                    seen_calculators.add(prepared.name)
                else:
                    prepared = snippet_directive.prepare(directive)
                state.prepared.append((directive, prepared))
        except DirectiveError as error:
            raise FenceError(str(error)) from None
        for number, (directive, _) in enumerate(state.prepared):
            opening = body.count("\n", 0, directive.start)
            lines[opening] = f'{lines[opening].rstrip()} {BLOCK_OPTION}="{number}"'
        if page.src_uri == GLOSSARY_PAGE:
            lines = _fill_glossary(lines, page)
        if page.src_uri == PROFILE_PAGE and sum(line.count(PROFILE_MARKER) for line in lines) != 1:
            raise FenceError(f"{page.author_path}: needs the marker {PROFILE_MARKER} exactly once")
        return lines


def _fill_glossary(lines: list[str], page: PageContext) -> list[str]:
    """The glossary page's definition list in place of its marker (the marker must be there once)."""
    count = sum(line.strip() == GLOSSARY_MARKER for line in lines)
    if count != 1:
        raise FenceError(f"{page.author_path}: expected the marker {GLOSSARY_MARKER} once, found it {count} times")
    text = "\n".join(lines).replace(GLOSSARY_MARKER, render_glossary(site_glossary()))
    return text.split("\n")


def _fill_profile(html: str, page: PageContext) -> str:
    """The Profile page's list of variables at its marker, with the scripts that check the values as their pages do.

    The calculators' scripts (their parsers) and the snippet runtime (window.kbSnippets.checkValue): the
    page has no snippet block, so the runtime is not linked by the postprocessor. Filled in the page's
    HTML (the marker is an HTML comment, which Markdown passes through), so Markdown does not parse
    the list's 60 KB of HTML as a raw block again; the preprocessor checked that the marker is there once.
    """
    if html.count(PROFILE_MARKER) != 1:
        raise FenceError(f"{page.author_path}: the marker {PROFILE_MARKER} must stand alone on its line, outside code")
    listed = calculator_summary()  # kb.profile's list and calculator_names, through kb.cache
    scripts = f'<script src="{page.root}{snippet_directive.RUNTIME_ASSET}"></script>' + "".join(
        f'<script src="{page.root}assets/calculators/{name}.js"></script>' for name in listed.profile_calculators)
    return html.replace(PROFILE_MARKER, listed.profile_html + scripts)


def directive_validator(language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any], md: Markdown) -> bool:
    """Accept a directive fence tagged by the preprocessor; an untagged one (inside an HTML comment) stays literal text."""
    if BLOCK_OPTION not in inputs:
        return False
    options[BLOCK_OPTION] = inputs[BLOCK_OPTION]
    return True


def _take(md: Markdown, options: dict[str, Any], kind: str) -> tuple[PageState, Directive, Any]:
    """The checked directive a tagged fence stands for."""
    state: PageState | None = getattr(md, _STATE, None)
    if state is None:
        raise FenceError(f"kb.fences: a ```{kind} fence was rendered without the kb.fences extension: list kb.fences under markdown_extensions")
    directive, prepared = state.prepared[int(options[BLOCK_OPTION])]
    state.rendered.append(directive)
    return state, directive, prepared


def calculator_format(source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any) -> str:
    """SuperFences formatter: the calculator's form, static result and grid, and its script."""
    state, _, prepared = _take(md, options, "calculator")
    return calculator_directive.render(prepared, state.page.root)


def snippet_format(source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any) -> str:
    """SuperFences formatter: the snippet's form, highlighted filled-in block and caveats."""
    state, _, prepared = _take(md, options, "snippet")
    name = prepared.snippet.name
    state.snippet_ids[name] = state.snippet_ids.get(name, 0) + 1
    element_id = f"snippet-{name}" + (f"-{state.snippet_ids[name]}" if state.snippet_ids[name] > 1 else "")
    return snippet_directive.render_cached(prepared, element_id, _highlight_config(md))


def _highlight_config(md: Markdown) -> dict[str, Any]:
    """The site's pymdownx.highlight settings, so snippet blocks look like every other code block."""
    for extension in md.registeredExtensions:
        if type(extension).__module__ == "pymdownx.highlight":
            return {key: value for key, value in extension.getConfigs().items() if key != "pygments_lang_class" or value}
    return {}


class WholePageMarker(Treeprocessor):
    """Runs after every other treeprocessor: from now on the postprocessors see the whole page."""

    def run(self, root: Any) -> None:
        state: PageState | None = getattr(self.md, _STATE, None)
        if state is not None:
            state.whole_page = True


class PagePostprocessor(Postprocessor):
    """Check that blocks stood alone, link the assets they need, add tooltips and message links."""

    def __init__(self, md: Markdown, link_messages: bool, annotate: bool = True) -> None:
        super().__init__(md)
        self.link_messages = link_messages
        self.annotate = annotate

    def run(self, text: str) -> str:
        state: PageState | None = getattr(self.md, _STATE, None)
        if state is None or not state.whole_page:  # a heading's text for the table of contents
            return text
        _check_standalone(text, state)
        kinds = {directive.kind for directive in state.rendered}
        root = state.page.root
        head = ""
        if "calculator" in kinds:
            head += f'<link rel="stylesheet" href="{root}{calculator_directive.STYLE_ASSET}">'
        if "snippet" in kinds:
            head += f'<link rel="stylesheet" href="{root}{snippet_directive.STYLE_ASSET}">'
        tail = f'<script src="{root}{snippet_directive.RUNTIME_ASSET}"></script>' if "snippet" in kinds else ""
        if state.page.src_uri == PROFILE_PAGE:
            text = _fill_profile(text, state.page)
        calculators = [prepared for directive, prepared in state.prepared if directive.kind == "calculator"]
        if calculators:
            text = insert_jump_links(text, calculators)
        index_url = f"{root}{INDEX_PAGE[:-3]}.html" if self.link_messages and state.page.src_uri != INDEX_PAGE else None
        if self.annotate:  # one walk: tooltips, file names, message links
            text = annotate_cached(text, index_url, site_glossary, site_catalogue)
        return head + text + tail


def _check_standalone(html: str, state: PageState) -> None:
    """Fail a directive whose output landed inside a paragraph or a table cell (Markdown merged it into text)."""
    for number, match in enumerate(_OUTPUT_OPENINGS.finditer(html)):
        before = html[: match.start()]
        for opening, closing in (("<p>", "</p>"), ("<td", "</td>"), ("<th", "</th>")):
            if before.rfind(opening) > before.rfind(closing):
                directive = state.rendered[min(number, len(state.rendered) - 1)] if state.rendered else None
                if directive is None:
                    raise FenceError(f"{state.page.author_path}: a directive must stand alone as its own block")
                raise FenceError(bounded(str(standalone_error(directive))))


class DirectiveExtension(Extension):
    """Python-Markdown extension `kb.fences`: directive checking, page assets, tooltips, message links."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "link_messages": [True, "link message IDs to the message index (the index step turns it off)"],
            # The index step reads only the page's text, which tooltips and links leave as it is (their tags are inline).
            "annotate": [True, "add glossary tooltips and message links (the index step turns it off)"],
            "kinds": [list(KINDS), "directive kinds handled (bench/js_weight.py builds without calculators)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        """Register the three steps at the priorities above (the order is explained there)."""
        kinds = tuple(kind for kind in self.getConfig("kinds") if kind in KINDS)
        md.preprocessors.register(DirectivePreprocessor(md, kinds), "kb_directives", PREPROCESSOR_PRIORITY)
        md.treeprocessors.register(WholePageMarker(md), "kb_whole_page", WHOLE_PAGE_PRIORITY)
        postprocessor = PagePostprocessor(md, bool(self.getConfig("link_messages")), bool(self.getConfig("annotate")))
        md.postprocessors.register(postprocessor, "kb_page", POSTPROCESSOR_PRIORITY)
        md.registerExtension(self)
        self.md = md

    def reset(self) -> None:
        """Forget the previous page (Markdown instances are reused between conversions)."""
        if getattr(self, "md", None) is not None and hasattr(self.md, _STATE):
            delattr(self.md, _STATE)


def makeExtension(**kwargs: Any) -> DirectiveExtension:  # Python-Markdown's entry point
    """Python-Markdown entry point for `kb.fences`."""
    return DirectiveExtension(**kwargs)
