"""Sponsor pages at /ui, rendered on the server: portfolio, schedule (Gantt, KPIs, sponsor
filter) and compare. Any role can read them; the browser keeps the key in a cookie set by
the login page."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from zenplan.api import crud
from zenplan.api.convert import schedule_of
from zenplan.api.deps import (
    KEY_COOKIE,
    Caller,
    SessionDep,
    api_key_header,
    identify,
    identify_async,
)
from zenplan.api.reports import compare, for_sponsor, sponsor_summaries
from zenplan.api.routes.compare import ScheduleIds, load_schedules
from zenplan.api.routes.schedules import ScheduleId, known_sponsor, record_or_404, solved_pair
from zenplan.api.tables import ScenarioPublic, ScheduleSummary
from zenplan.models.numbers import amount, closeness

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
TEMPLATES.env.filters["amount"] = amount
TEMPLATES.env.globals["closeness"] = closeness
PLOT_CONFIG = {"displaylogo": False, "responsive": True}

router = APIRouter(prefix="/ui", include_in_schema=False)


class LoginRequired(Exception):
    """The page needs a key: send the browser to the login page, then back."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


async def login_redirect(request: Request, error: Exception) -> Response:
    assert isinstance(error, LoginRequired)
    return RedirectResponse(f"/ui/login?next={quote(error.next_url)}", status_code=303)


async def page_caller(
    request: Request, header_key: Annotated[str | None, Depends(api_key_header)]
) -> Caller:
    """Any role may read the pages; the key comes from the header or the login cookie."""
    caller = await identify_async(request, header_key or request.cookies.get(KEY_COOKIE))
    if caller is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return caller


PageCaller = Annotated[Caller, Depends(page_caller)]


TITLES = {404: "Not found", 422: "Not a valid address"}


def error_page(request: Request, status: int, problems: list[dict[str, Any]]) -> HTMLResponse:
    """An error of a page (unknown schedule, sponsor, ...) as a page, not as JSON."""
    title = TITLES.get(status, "Something went wrong")
    response = _page(request, "error.html", None, status=status, title=title, problems=problems)
    response.status_code = status
    return response


def _page(request: Request, template: str, caller: Caller | None, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, {"caller": caller, **context})


@lru_cache(maxsize=1)
def _plotly_js() -> tuple[bytes, bytes]:
    """plotly.js (charts.library: the 1.5 MB cartesian bundle), plain and gzip-compressed,
    made once."""
    import gzip

    from zenplan.charts.library import plotly_library

    script = plotly_library()[1].encode("utf-8")
    return script, gzip.compress(script, compresslevel=9, mtime=0)


@router.get("/plotly.js")
def plotly_js(request: Request) -> Response:
    """plotly.js from the installed plotly package: the pages need no internet. Every page
    and chart of the service loads it from here, so a browser fetches it once (compressed
    when it accepts gzip) and then takes it from its cache."""
    plain, packed = _plotly_js()
    headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type="text/javascript", headers=headers)
    return Response(plain, media_type="text/javascript", headers=headers)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str, Query(max_length=2000)] = "/ui") -> Response:
    return _page(request, "login.html", None, next=_local(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    key: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/ui",
) -> Response:
    """Check the key and keep it in an HTTP-only cookie."""
    if identify(request, key.strip()) is None:
        page = _page(request, "login.html", None, next=_local(next), error="unknown API key")
        page.status_code = 401
        return page
    response = RedirectResponse(_local(next), status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(
        KEY_COOKIE, key.strip(), httponly=True, samesite="strict", secure=secure, path="/ui"
    )
    return response


@router.get("/logout")
def logout() -> Response:
    response = RedirectResponse("/ui/login", status_code=303)
    response.delete_cookie(KEY_COOKIE, path="/ui")
    return response


def _local(url: str) -> str:
    """Only redirect inside the pages (no open redirect)."""
    return url if url.startswith("/ui") and "//" not in url and "\\" not in url else "/ui"


@router.get("", response_class=HTMLResponse)
def portfolio(request: Request, session: SessionDep, caller: PageCaller) -> Response:
    """Every scenario with its latest schedule, and a form to compare schedules."""
    latest = crud.latest_schedules(session)
    rows = []
    for record in crud.list_scenarios(session, 0, 1000):
        schedule = latest.get(record.id or 0)
        rows.append(
            {
                "scenario": ScenarioPublic.model_validate(record, from_attributes=True),
                "schedule": schedule,
                "kpis": schedule_of(schedule.document).kpis if schedule is not None else None,
            }
        )
    schedules = [
        ScheduleSummary.model_validate(r, from_attributes=True)
        for r in crud.list_schedules(session, None, 0, 50)
    ]
    return _page(request, "portfolio.html", caller, scenarios=rows, schedules=schedules)


# Above this many projects, the page without a sponsor shows the portfolio by sponsor and
# each sponsor's projects a click away, instead of one Gantt row per project.
OVERVIEW_ABOVE = 60


@router.get("/schedules/{schedule_id}", response_class=HTMLResponse)
def schedule_page(
    schedule_id: ScheduleId,
    request: Request,
    session: SessionDep,
    caller: PageCaller,
    sponsor: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """The Gantt of the schedule (or of one sponsor's projects), its projects and KPIs; a
    large schedule opens on its sponsors, each drilling down to their projects' Gantt."""
    from zenplan.charts import project_gantt, sponsor_overview
    from zenplan.charts.report import kpi_rows

    record = record_or_404(session, schedule_id)
    scenario, schedule = solved_pair(session, record)
    sponsor = sponsor or None
    known_sponsor(scenario, sponsor)
    shown = for_sponsor(scenario, schedule, sponsor)
    overview = sponsor is None and len(shown.projects) > OVERVIEW_ABOVE
    if overview:
        chart, chart_id = sponsor_overview(scenario, shown), "overview"
    else:
        chart, chart_id = project_gantt(scenario, shown, sponsor_menu=False), "gantt"
    html = chart.to_html(
        full_html=False, include_plotlyjs=False, div_id=chart_id, config=PLOT_CONFIG
    )
    sponsor_name = next((s.name or s.id for s in scenario.sponsors if s.id == sponsor), sponsor)
    return _page(
        request,
        "schedule.html",
        caller,
        record=record,
        scenario=scenario,
        schedule=schedule,
        shown=shown,
        sponsor=sponsor,
        sponsor_name=sponsor_name,
        sponsors=scenario.sponsors,
        names={p.id: p.name or p.id for p in scenario.projects},
        project_sponsors={p.id: p.sponsor for p in scenario.projects},
        overview=overview,
        summaries=sponsor_summaries(scenario, schedule) if overview else [],
        gantt=html,
        kpis=kpi_rows(schedule.kpis),
        breakdown=schedule.breakdown,
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    schedule_ids: ScheduleIds, request: Request, session: SessionDep, caller: PageCaller
) -> Response:
    """KPI deltas, moved projects and the go-live chart of two or more schedules."""
    from zenplan.charts import compare_chart

    _, schedules, labels = load_schedules(session, schedule_ids)
    chart = compare_chart(schedules, labels).to_html(
        full_html=False, include_plotlyjs=False, div_id="comparison", config=PLOT_CONFIG
    )
    comparison = compare(schedule_ids, labels, schedules)
    return _page(request, "compare.html", caller, comparison=comparison, chart=chart)
