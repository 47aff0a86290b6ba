"""The HTML of the local web page: Jinja2 templates (autoescaped) in ``web/templates``, words from the catalogue
(``[web]`` of models/words), the report's own CSS and script served as files so the page's CSP needs no inline code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..batch import Outcome
from ..limits import human_size
from ..model import Lang
from ..report import DEFAULT_REQUIRED, Failed, build_report
from ..report.html import report_sections
from ..report.html_assets import CSS, SCRIPT
from ..words import Words
from .settings import ServeSettings

LANG_COOKIE = "ghostproof_lang"
MEDIA = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def page_lang(request: Request, settings: ServeSettings) -> Lang:
    """The language the person chose (the switch), else the browser's first of German and English, else the
    server's --lang, else English."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in ("en", "de"):
        return "de" if chosen == "de" else "en"
    ranked = []
    for i, part in enumerate(request.headers.get("accept-language", "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.split("-")[0].lower()
        if primary in ("en", "de") and q > 0:
            ranked.append((-q, i, primary))
    if ranked:
        return "de" if min(ranked)[2] == "de" else "en"
    return settings.lang or "en"


@dataclass(frozen=True)
class Summary:
    """One contract in plain words at the top of the results."""

    name: str
    line: str
    gaps: tuple[tuple[str, str, str], ...]  # (symbol, clause name, status label)


class Pages:
    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.env = Environment(
            loader=PackageLoader("ghostproof.web", "templates"),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def _render(self, request: Request, template: str, **context: Any) -> str:
        lang = page_lang(request, self.settings)
        other = "de" if lang == "en" else "en"
        return self.env.get_template(template).render(
            lang=lang,
            other=other,
            w=Words(lang, "web"),
            csrf=self.settings.csrf,
            path=request.url.path,
            **context,
        )

    def check(self, request: Request) -> str:
        return self._render(
            request,
            "check.html",
            limits=Words(page_lang(request, self.settings), "web")(
                "check_limits", files=self.settings.max_files, size=human_size(self.settings.max_size)
            ),
            accept=",".join(sorted(CONTRACT_ENDINGS)),
        )

    def results(self, request: Request, outcomes: Sequence[Outcome]) -> str:
        lang = page_lang(request, self.settings)
        done = [o for o in outcomes if o.result is not None]
        failed = [Failed(o.path, o.error or "") for o in outcomes if o.result is None]
        report = build_report(
            [o.result for o in done if o.result is not None],
            texts=[o.text for o in done],
            failed=failed,
            lang=lang,
            required=DEFAULT_REQUIRED,
            batch=len(outcomes) > 1,
        )
        w = Words(lang, "web")
        summaries = []
        for view in report.documents:
            gaps = tuple((r.symbol, r.name, r.status_label) for r in view.gaps if r.required)
            if view.missing_required or view.weak_required:
                line = w("summary_gaps", name=view.name, verdict=view.verdict)
            else:
                line = w("summary_ok", name=view.name, n=len(view.required))
            summaries.append(Summary(view.name, line, gaps))
        return self._render(
            request,
            "results.html",
            summaries=summaries,
            failed=failed,
            fix=any(v.gaps for v in report.documents),
            report=Markup("\n".join(report_sections(report, commands=False))),  # the report's own, escaped markup
        )

    def fix(
        self,
        request: Request,
        *,
        given: dict[str, str] | None = None,
        variant: str = "balanced",
        kind: str = "docx",
        message: str = "",
        needed: Sequence[str] = (),
    ) -> str:
        lang = page_lang(request, self.settings)
        fields = fix_fields(lang, given)
        labels = {f.name: f.label for f in fields}
        return self._render(
            request,
            "fix.html",
            fields=fields,
            variant=variant,
            kind=kind,
            message=message,
            needed=[labels.get(n, n) for n in needed],
            accept=",".join(sorted(CONTRACT_ENDINGS)),
        )

    def silent(
        self,
        request: Request,
        *,
        given: dict[str, str] | None = None,
        message: str = "",
        problems: Sequence[str] = (),
    ) -> str:
        from .caseform import case_fields

        lang = page_lang(request, self.settings)
        return self._render(
            request,
            "silent.html",
            fields=case_fields(lang, given),
            today=(given or {}).get("today", ""),
            message=message,
            problems=problems,
            accept=",".join(sorted(CONTRACT_ENDINGS)),
        )

    def plan(self, request: Request, done: Any, stem: str) -> str:
        import base64

        def b64(data: bytes | str) -> str:
            return base64.b64encode(data if isinstance(data, bytes) else data.encode("utf-8")).decode("ascii")

        return self._render(
            request,
            "plan.html",
            title=done.title,
            plan=Markup(done.html),  # the assessment's own, escaped markup
            docx=b64(done.docx),
            ics=b64(done.ics),
            case=b64(done.case),
            stem=stem,
            gaps=done.gaps,
        )

    def checklist(
        self, request: Request, *, answers: dict[str, str] | None = None, result: Any = None, message: str = ""
    ) -> str:
        """The checklist's questions as a form (each yes / no / not yet), with the last run's result above it."""
        from ..checklist.items import load_items

        lang = page_lang(request, self.settings)
        items = load_items()
        questions = [
            {
                "id": i.id,
                "name": i.word(lang, "name"),
                "question": i.word(lang, "question"),
                "why": i.word(lang, "why"),
                "required": i.required,
                "answer": (answers or {}).get(i.id, ""),
            }
            for i in items.items
        ]
        shown = None
        if result is not None:
            cw = Words(lang, "checklist")
            symbol = {"covered": "✔", "confirmed": "✔", "open": "✘"}
            rows = []
            for r in result.items:
                ev = r.evidence
                where = ", ".join(
                    filter(None, (cw("page", page=ev.page) if ev and ev.page else "", ev.section if ev else ""))
                )
                rows.append(
                    {
                        "name": items.item(r.id).word(lang, "name"),
                        "required": r.required,
                        "status": cw(f"status.{r.status}"),
                        "css": r.status,
                        "symbol": symbol[r.status],
                        "reason": r.reason,
                        "evidence": " ".join(ev.text.split()) if ev else "",
                        "where": where,
                    }
                )
            n = sum(r.required for r in result.items)
            verdict = (
                cw("verdict.open", open=len(result.open_required), n=n)
                if result.open_required
                else cw("verdict.ok", n=n)
            )
            shown = {"rows": rows, "verdict": verdict, "open_required": bool(result.open_required)}
        return self._render(
            request,
            "checklist.html",
            questions=questions,
            result=shown,
            message=message,
            accept=",".join(sorted(CONTRACT_ENDINGS)),
        )

    def error(self, request: Request, message: str) -> str:
        return self._render(request, "error.html", message=message)

    def refuse(self, request: Request, status: int, key: str, *, message: str | None = None) -> HTMLResponse:
        """An error page with the message of ``key`` in the page's language (or ``message`` as it is)."""
        w = Words(page_lang(request, self.settings), "web")
        text = message or w(key, size=human_size(self.settings.max_size), n=self.settings.max_files)
        return HTMLResponse(self.error(request, text), status_code=status)

    def asset(self, name: str) -> tuple[bytes, str] | None:
        """A file of the page: the report's stylesheet and script (the same as in an HTML report), or one of
        ``web/static``; None for anything else."""
        if name == "report.css":
            return CSS.encode(), MEDIA[".css"]
        if name == "report.js":
            return SCRIPT.encode(), MEDIA[".js"]
        if name in STATIC:
            data = resources.files("ghostproof.web").joinpath("static", name).read_bytes()
            return data, MEDIA[name[name.rindex(".") :]]
        return None


#: the page's own files (only these names are served)
STATIC = frozenset({"site.css", "site.js"})
#: what the file picker offers
CONTRACT_ENDINGS = frozenset({".pdf", ".docx", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


@dataclass(frozen=True)
class FormField:
    """One parameter of the clause library as a form control: its type, bounds and default decide the control."""

    name: str
    label: str
    hint: str
    control: str  # "number", "select" or "text"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    min: str | None = None
    max: str | None = None
    step: str = "any"
    value: str = ""


def fix_fields(lang: Lang, given: dict[str, str] | None = None) -> list[FormField]:
    """Every parameter of the clause library once (the clauses' own before the common ones), in the page's words."""
    from ..clauses.library import load_library
    from ..formatting import number

    library = load_library()
    w = Words(lang, "web")
    labels = w.table("choice")
    seen: dict[str, FormField] = {}
    params = [p for c in library.clauses.values() for p in c.params.values()] + list(library.common.values())
    for p in params:
        if p.name in seen:
            continue
        default = p.default_for(lang)
        names = labels.get(p.name, {})
        hints = [w("param_default", value=names.get(str(default), default))] if default is not None else []
        if p.min is not None and p.max is not None:
            hints.append(w("param_range", min=number(p.min, lang), max=number(p.max, lang)))
        seen[p.name] = FormField(
            name=p.name,
            label=p.help.get(lang) or p.help.get("en") or p.name,
            hint="; ".join(hints),
            control={"choice": "select", "text": "text", "period": "text"}.get(p.type, "number"),
            choices=tuple((c, str(names.get(c, c))) for c in p.choices),
            min=None if p.min is None else str(p.min),
            max=None if p.max is None else str(p.max),
            step="1" if p.type == "int" else "any",
            value=(given or {}).get(p.name, ""),
        )
    return list(seen.values())
