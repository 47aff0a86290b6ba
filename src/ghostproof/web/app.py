"""The pages and the JSON API of ``ghostproof serve`` (FastAPI). Server-rendered HTML that works without JavaScript;
the audit is shown with the HTML report's own markup (:func:`ghostproof.report.html.report_sections`)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect
from starlette.types import Scope

from ..batch import Job, Outcome, audit_one
from ..errors import E_BAD_OPTION, E_BUG, E_CASE, E_UPLOAD, GhostproofError
from ..findings import AuditResult
from ..ingest import Reading
from ..limits import human_size
from ..words import Words
from .caseform import case_data, labelled
from .guard import Guard
from .pages import Pages, page_lang
from .settings import ServeSettings
from .tasks import (
    KINDS,
    AssessJob,
    AssessResult,
    ChecklistJob,
    ChecklistResult,
    FixJob,
    FixResult,
    assess_one,
    checklist_one,
    fix_one,
)
from .work import Workers

#: the uploaded file's name as shown (never a path), at most this long
NAME_CHARS = 120
#: a saved case file is a few hundred bytes
MAX_CASE_BYTES = 64 * 1024


def display_name(filename: str | None, index: int) -> str:
    """The name a user gave the file, without any folder, for the page (the page escapes it). Browsers send a
    quote, CR and LF in a file name as %22, %0D, %0A (HTML's form encoding): those are read back; a long name keeps
    its ending."""
    raw = filename or ""
    for code, char in (("%22", '"'), ("%0D", "\r"), ("%0A", "\n"), ("%0d", "\r"), ("%0a", "\n")):
        raw = raw.replace(code, char)
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(c for c in name if c.isprintable())
    if len(name) > NAME_CHARS:
        suffix = Path(name).suffix if len(Path(name).suffix) <= 10 else ""
        name = name[: NAME_CHARS - len(suffix)] + suffix
    return name or f"file-{index}"


async def _save(upload: StarletteUpload, folder: Path, index: int) -> tuple[Path, str]:
    """The upload written into the private folder, in a folder of its own, under the user's name made safe for a
    file system (so an error and its hints — "ocrmypdf scanned.pdf scanned-ocr.pdf" — name the user's file); the
    reader goes by the content, as for any file."""
    name = display_name(upload.filename, index)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip(".")[-120:] or "contract"
    (folder / str(index)).mkdir()
    path = folder / str(index) / safe
    with path.open("wb") as out:
        while chunk := await upload.read(1 << 20):
            out.write(chunk)
    return path, name


async def audit_uploads(
    uploads: Sequence[StarletteUpload], settings: ServeSettings, workers: Workers
) -> list[tuple[str, Outcome]]:
    """Each upload audited in a private temporary folder that is gone when this returns; the outcomes name the
    files as the user named them (an error line never shows the temporary path)."""
    reading = Reading(max_size=settings.max_size, max_chars=settings.max_chars)
    out: list[tuple[str, Outcome]] = []
    with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
        for i, upload in enumerate(uploads, 1):
            path, name = await _save(upload, Path(tmp), i)
            try:
                outcome = await workers.call(audit_one, Job(str(path), reading, True), name=name)
            except GhostproofError as err:
                outcome = Outcome(str(path), error=err.line())
            if outcome.error:
                outcome = Outcome(name, error=outcome.error.replace(str(path), name))
            elif outcome.result is not None:
                outcome = Outcome(name, result=outcome.result.model_copy(update={"source": name}), text=outcome.text)
            out.append((name, outcome))
    return out


def attachment(filename: str) -> str:
    """A Content-Disposition that downloads ``filename`` (any characters) under its name."""
    from urllib.parse import quote

    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _api_error(line: str, path: str | None, name: str, problems: Sequence[str] = ()) -> JSONResponse:
    """An API error: the one line (never the server's own file names), its code, and per-field problems."""
    if path:
        line = line.replace(path, name)
    code = line[6:10] if line.startswith("error[") else E_UPLOAD
    body: dict[str, object] = {"error": line, "code": code}
    if problems:
        body["problems"] = list(problems)
    return JSONResponse(body, status_code=400)


def create_app(settings: ServeSettings | None = None, workers: Workers | None = None) -> Guard:
    """The whole server as one ASGI app: the guard (:mod:`.guard`) around the FastAPI routes."""
    settings = settings or ServeSettings()
    workers = workers or Workers(settings.workers, settings.timeout)
    pages = Pages(settings)
    reading = Reading(max_size=settings.max_size, max_chars=settings.max_chars)

    async def checked_form(request: Request, max_files: int, max_fields: int) -> FormData | HTMLResponse:
        """The posted form, or the error page: too many files, a form that cannot be read (too many or too long
        fields), or a form this server did not make."""
        try:
            form = await request.form(max_files=max_files, max_fields=max_fields)
        except (MultiPartException, HTTPException) as exc:  # Starlette reports these as a 400
            said = str(getattr(exc, "message", None) or getattr(exc, "detail", ""))
            return pages.refuse(request, 400, "too_many" if "files" in said.lower() else "bad_form")
        if form.get("csrf") != settings.csrf:
            return pages.refuse(request, 403, "bad_csrf")
        return form

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workers.start()  # the pipelines are built once, before the first request (if `serve` has not already)
        try:
            yield
        finally:
            workers.stop()

    api = FastAPI(
        title="ghostproof",
        summary="Check a freelance contract for protection against a client who goes silent.",
        description="The JSON API of a running `ghostproof serve`. Every request needs the start's token as "
        "`Authorization: Bearer <token>` (printed by `ghostproof serve`). ghostproof informs; it is not legal advice.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not on a page that loads nothing from outside
        redoc_url=None,
        lifespan=lifespan,
    )

    def error_page(scope: Scope, status: int, code: str, key: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
        request = Request(scope)
        lang = page_lang(request, settings)
        message = Words(lang, "web")(key, size=human_size(settings.max_size), n=settings.max_files)
        if scope.get("path", "").startswith("/api/"):
            body = JSONResponse({"error": f"error[{code}]: {message}", "code": code}).body
            return [(b"content-type", b"application/json")], bytes(body)
        return [(b"content-type", b"text/html; charset=utf-8")], pages.error(request, message).encode()

    # -- pages ------------------------------------------------------------------------------------------------------

    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request) -> HTMLResponse:
        return HTMLResponse(pages.check(request))

    @api.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check(request: Request) -> HTMLResponse:
        form = await checked_form(request, settings.max_files, 20)
        if isinstance(form, HTMLResponse):
            return form
        uploads = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]
        if not uploads:
            return pages.refuse(request, 400, "no_file")
        outcomes = [o for _, o in await audit_uploads(uploads, settings, workers)]
        if all(o.result is None for o in outcomes):  # nothing to show but why: an error page, one line per file
            return pages.refuse(request, 400, "", message="\n".join(o.error or "" for o in outcomes))
        return HTMLResponse(pages.results(request, outcomes))

    @api.get("/fix", response_class=HTMLResponse, include_in_schema=False)
    async def fix_page(request: Request) -> HTMLResponse:
        return HTMLResponse(pages.fix(request))

    @api.post("/fix", include_in_schema=False)
    async def fix(request: Request) -> Response:
        form = await checked_form(request, 1, 60)
        if isinstance(form, HTMLResponse):
            return form
        given = {
            k.removeprefix("param-"): v.strip()
            for k, v in form.multi_items()
            if k.startswith("param-") and isinstance(v, str) and v.strip()
        }
        variant, kind = str(form.get("variant") or ""), str(form.get("kind") or "")
        w = Words(page_lang(request, settings), "web")

        def again(status: int, message: str = "", needed: Sequence[str] = ()) -> HTMLResponse:
            page = pages.fix(request, given=given, variant=variant, kind=kind, message=message, needed=needed)
            return HTMLResponse(page, status_code=status)

        if variant not in ("balanced", "firm") or kind not in KINDS:
            return again(400, w("bad_choice"))
        upload = form.get("file")
        if not isinstance(upload, StarletteUpload) or not upload.filename:
            return again(400, w("no_file"))
        with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
            path, name = await _save(upload, Path(tmp), 1)
            job = FixJob(str(path), name, reading, tuple(f"{k}={v}" for k, v in given.items()), variant, kind)
            try:
                done = await workers.call(fix_one, job, name=name)
            except GhostproofError as err:
                done = FixResult(error=err.line())
        if done.error:  # never the server's own file names
            done = FixResult(error=done.error.replace(str(path), name))
        if done.error:
            return again(400, done.error)
        if done.nothing:
            return again(200, w("nothing"))
        if done.needed or done.data is None:
            return again(400, needed=done.needed)
        return Response(done.data, media_type=done.media, headers={"content-disposition": attachment(done.filename)})

    @api.get("/silent", response_class=HTMLResponse, include_in_schema=False)
    async def silent_page(request: Request) -> HTMLResponse:
        return HTMLResponse(pages.silent(request))

    @api.post("/silent/load", response_class=HTMLResponse, include_in_schema=False)
    async def silent_load(request: Request) -> HTMLResponse:
        from .caseform import loaded

        form = await checked_form(request, 1, 10)
        if isinstance(form, HTMLResponse):
            return form
        upload = form.get("case")
        if not isinstance(upload, StarletteUpload) or not upload.filename:
            return HTMLResponse(
                pages.silent(request, message=Words(page_lang(request, settings), "web")("no_file")), 400
            )
        raw = await upload.read(MAX_CASE_BYTES + 1)
        try:
            if len(raw) > MAX_CASE_BYTES:
                raise GhostproofError(E_CASE, "too large for a case file", hint="load a .toml file this page saved")
            given = loaded(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return HTMLResponse(pages.silent(request, message=f"error[{E_CASE}]: not UTF-8 text"), 400)
        except GhostproofError as err:
            return HTMLResponse(pages.silent(request, message=err.line()), 400)
        return HTMLResponse(pages.silent(request, given=given))

    @api.post("/silent", response_class=HTMLResponse, include_in_schema=False)
    async def silent(request: Request) -> HTMLResponse:
        form = await checked_form(request, 1, 60)
        if isinstance(form, HTMLResponse):
            return form
        given = {k: v.strip() for k, v in form.multi_items() if isinstance(v, str) and k != "csrf"}
        upload = form.get("file")
        if not isinstance(upload, StarletteUpload) or not upload.filename:
            lang = page_lang(request, settings)
            return HTMLResponse(pages.silent(request, given=given, message=Words(lang, "web")("no_file")), 400)
        with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
            path, name = await _save(upload, Path(tmp), 1)
            job = AssessJob(str(path), name, reading, dict(case_data(given)))
            try:
                done = await workers.call(assess_one, job, name=name)
            except GhostproofError as err:
                done = AssessResult(error=err.line())
        if done.error:
            message = done.error.replace(str(path), name)
            problems = labelled(done.problems, page_lang(request, settings))
            return HTMLResponse(pages.silent(request, given=given, message=message, problems=problems), 400)
        return HTMLResponse(pages.plan(request, done, Path(name).stem or "case"))

    @api.get("/checklist", response_class=HTMLResponse, include_in_schema=False)
    async def checklist_page(request: Request) -> HTMLResponse:
        return HTMLResponse(pages.checklist(request))

    @api.post("/checklist", response_class=HTMLResponse, include_in_schema=False)
    async def checklist(request: Request) -> HTMLResponse:
        form = await checked_form(request, 1, 60)
        if isinstance(form, HTMLResponse):
            return form
        given = {
            k.removeprefix("answer-"): v
            for k, v in form.multi_items()
            if k.startswith("answer-") and isinstance(v, str) and v in ("yes", "no")
        }
        answers = {k: v == "yes" for k, v in given.items()}
        lang = page_lang(request, settings)
        upload = form.get("file")
        with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
            path, name = None, ""
            if isinstance(upload, StarletteUpload) and upload.filename:
                saved, name = await _save(upload, Path(tmp), 1)
                path = str(saved)
            job = ChecklistJob(path, name, reading, lang, answers)
            try:
                done = await workers.call(checklist_one, job, name=name)
            except GhostproofError as err:
                done = ChecklistResult(error=err.line())
        if done.error:
            message = done.error if path is None else done.error.replace(path, name)
            return HTMLResponse(pages.checklist(request, answers=given, message=message), 400)
        return HTMLResponse(pages.checklist(request, answers=given, result=done.checklist))

    @api.get("/lang/{code}", include_in_schema=False)
    async def switch_language(code: str, next: str = "/") -> Response:
        target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
        response = RedirectResponse(target, status_code=303)
        if code in ("en", "de"):
            response.set_cookie("ghostproof_lang", code, httponly=True, samesite="strict", path="/")
        return response

    @api.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        found = pages.asset(name)
        if found is None:
            raise HTTPException(404)
        body, media = found
        return Response(body, media_type=media)

    # -- the JSON API -----------------------------------------------------------------------------------------------

    @api.post(
        "/api/audit",
        response_model=AuditResult,
        response_model_by_alias=True,
        responses={400: {"description": "not read: `error` is the one-line message, `code` its code"}},
        summary="Audit one contract (PDF, DOCX, TXT or MD) → ghostproof.audit/2",
    )
    async def api_audit(file: Annotated[UploadFile, File(description="the contract file")]) -> Response:
        ((_, outcome),) = await audit_uploads([file], settings, workers)
        if outcome.result is None:
            line = outcome.error or ""
            code = line[6:10] if line.startswith("error[") else E_UPLOAD
            return JSONResponse({"error": line, "code": code}, status_code=400)
        return JSONResponse(outcome.result.to_dict())

    @api.post(
        "/api/checklist",
        responses={400: {"description": "not read: `error` is the one-line message, `code` its code"}},
        summary="The pre-engagement checklist of a contract (or of none) → ghostproof.checklist/1",
    )
    async def api_checklist(
        file: Annotated[UploadFile | None, File(description="the contract file (optional)")] = None,
        yes: Annotated[list[str] | None, Form(description="ids of the items you confirm")] = None,
        no: Annotated[list[str] | None, Form(description="ids of the items you answer no to")] = None,
        lang: Annotated[str, Form(description="language of the reasons: en or de")] = "en",
    ) -> Response:
        answers = {**dict.fromkeys(no or [], False), **dict.fromkeys(yes or [], True)}
        with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
            path, name = None, ""
            if file is not None and file.filename:
                saved, name = await _save(file, Path(tmp), 1)
                path = str(saved)
            try:
                done = await workers.call(checklist_one, ChecklistJob(path, name, reading, lang, answers), name=name)
            except GhostproofError as err:
                done = ChecklistResult(error=err.line())
        if done.error or done.checklist is None:
            return _api_error(done.error or "", path, name)
        from dataclasses import replace

        from ..checklist.render import render_json as checklist_json

        named = replace(done.checklist, source=name or None)  # type: ignore[type-var]
        return Response(checklist_json(named), media_type="application/json")  # type: ignore[arg-type]

    @api.post(
        "/api/assess",
        responses={400: {"description": "not read, or the case is wrong: `error`, `code`, `problems` (per field)"}},
        summary="A silent client: the dated plan and the messages → ghostproof.assessment/1",
    )
    async def api_assess(
        file: Annotated[UploadFile, File(description="the contract file")],
        case: Annotated[UploadFile, File(description="the case as TOML, as `ghostproof assess` reads it")],
    ) -> Response:
        import tomllib

        raw = await case.read(MAX_CASE_BYTES + 1)
        if len(raw) > MAX_CASE_BYTES:
            line = f"error[{E_CASE}]: too large for a case file (at most {MAX_CASE_BYTES // 1024} KB)"
            return JSONResponse({"error": line, "code": E_CASE}, status_code=400)
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            line = f"error[{E_CASE}]: not a case file ({exc})"
            return JSONResponse({"error": line, "code": E_CASE}, status_code=400)
        data = {k: v for k, v in data.items() if k != "contract"}  # the contract is the upload
        with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
            path, name = await _save(file, Path(tmp), 1)
            try:
                done = await workers.call(assess_one, AssessJob(str(path), name, reading, data), name=name)
            except GhostproofError as err:
                done = AssessResult(error=err.line())
        if done.error:
            return _api_error(done.error, str(path), name, done.problems)
        return Response(done.json, media_type="application/json")

    @api.post(
        "/api/addendum",
        responses={
            200: {"description": "the addendum (DOCX or Markdown) or the review copy (DOCX)"},
            204: {"description": "the contract has every clause: nothing to add"},
            400: {"description": "not read, a bad value, or values needed: `error`, `code`, `needed`"},
        },
        summary="The addendum that closes a contract's gaps, or a Word review copy",
    )
    async def api_addendum(
        file: Annotated[UploadFile, File(description="the contract file")],
        variant: Annotated[str, Form(description="balanced or firm")] = "balanced",
        format: Annotated[str, Form(description="docx, markdown or review (a Word contract only)")] = "docx",
        set: Annotated[list[str] | None, Form(description="parameters as key=value, e.g. hourly_rate=95")] = None,
    ) -> Response:
        if format not in KINDS:
            line = f"error[{E_BAD_OPTION}]: format must be docx, markdown or review"
            return JSONResponse({"error": line, "code": E_BAD_OPTION}, status_code=400)
        with tempfile.TemporaryDirectory(prefix="ghostproof-serve-") as tmp:
            path, name = await _save(file, Path(tmp), 1)
            job = FixJob(str(path), name, reading, tuple(set or ()), variant, format)
            try:
                done = await workers.call(fix_one, job, name=name)
            except GhostproofError as err:
                done = FixResult(error=err.line())
        if done.error:
            return _api_error(done.error, str(path), name)
        if done.nothing:
            return Response(status_code=204)
        if done.needed or done.data is None:
            line = f"error[{E_BAD_OPTION}]: values needed: {', '.join(done.needed)} — send them as set=NAME=VALUE"
            return JSONResponse({"error": line, "code": E_BAD_OPTION, "needed": list(done.needed)}, status_code=400)
        return Response(done.data, media_type=done.media, headers={"content-disposition": attachment(done.filename)})

    # -- errors as pages (or JSON for the API), never a traceback ---------------------------------------------------

    @api.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(sorted({f"`{e['loc'][-1]}`" for e in exc.errors() if e.get("loc")}))
        message = f"send the multipart form field(s) {fields or '`file`'}: the contract file and what the call needs"
        return JSONResponse({"error": f"error[{E_UPLOAD}]: {message}", "code": E_UPLOAD}, status_code=400)

    @api.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        key = {404: "not_found", 405: "bad_method"}.get(exc.status_code, "bad_form")
        if request.url.path.startswith("/api/"):
            line = f"error[{E_BAD_OPTION}]: {Words('en', 'web')(key)}"
            return JSONResponse({"error": line, "code": E_BAD_OPTION}, exc.status_code)
        return pages.refuse(request, exc.status_code, key)

    @api.exception_handler(ClientDisconnect)
    async def gone(request: Request, exc: ClientDisconnect) -> Response:
        return Response(status_code=400)  # the browser gave up mid-upload: nobody reads an answer

    @api.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        line = f"error[{E_BUG}]: unexpected {type(exc).__name__} — this is a bug in ghostproof; please report it"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": line, "code": E_BUG}, status_code=500)
        return pages.refuse(request, 500, "", message=line)

    return Guard(api, settings, error_page)


def _version() -> str:
    from .. import __version__

    return __version__
