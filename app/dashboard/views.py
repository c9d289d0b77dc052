"""The dashboard page, its CSV downloads, and the admin page of district populations."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import render_error
from app.core.locale import text_direction
from app.core.permissions import role_required
from app.core.time import utcnow
from app.dashboard import charts, queries
from app.dashboard.blueprint import bp
from app.dashboard.forms import RECENT, YEAR_RE, DashboardFilterForm, PopulationForm
from app.dashboard.maps import choropleth_parts, legend
from app.dashboard.services import refresh_if_stale
from app.extensions import db, login_manager
from app.ideas.districts import set_population
from app.ideas.models import District
from app.ideas.viewhelpers import current_locale
from app.opendata.formats import csv_chunks
from app.relays.context import channels_partial

FILTER_NAMES = {"period", "category", "district", "measure", "lang"}


def _may_see():
    if current_app.config["DASHBOARD_PUBLIC"]:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_staff:
        abort(403)
    return None


def _months(period, known):
    """(first month, last month) that the filters select, and every month shown."""
    this_month = utcnow().strftime("%Y-%m")
    if period and period.startswith("m"):
        first = this_month
        for _i in range(int(period[1:]) - 1):
            first = _previous(first)
        return (first, this_month), queries.months_between(first, this_month)
    year = YEAR_RE.match(period or "")
    if year:
        first, last = f"{year.group(1)}-01", f"{year.group(1)}-12"
        return (first, last), queries.months_between(first, min(last, max(this_month, known[1] or last)))
    first, last = known
    return (None, None), queries.months_between(first or this_month, max(last or this_month, this_month))


def _previous(key):
    year, month = (int(part) for part in key.split("-"))
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"


def _selection():
    """The filter form and the Filters it selects (invalid values select nothing: all)."""
    known = queries.months_known()
    this_year = utcnow().year
    first_year = int(known[0][:4]) if known[0] else this_year
    years = list(range(max(this_year, int(known[1][:4]) if known[1] else this_year), first_year - 1, -1))
    categories, districts = queries.categories(), queries.districts()
    form = DashboardFilterForm(request.args, categories, districts, years, current_locale())
    form.validate()
    period = form.period.data if not form.period.errors and form.period.data else f"m{RECENT[2]}"
    (first, last), months = _months(period, known)
    category = next((c for c in categories if c.slug == form.category.data), None)
    district = next((d for d in districts if d.slug == form.district.data), None)
    filters = queries.Filters(
        first, last, category.id if category else None, district.id if district else None
    )
    return form, filters, months


def _bad_parameters():
    unknown = sorted(set(request.args) - FILTER_NAMES)
    if unknown:
        return render_error(
            400, _("The dashboard takes no such parameter: %(names)s.", names=", ".join(unknown))
        )
    return None


def _refresh_if_stale():
    if refresh_if_stale(current_app.config["DASHBOARD_MAX_AGE"]):
        db.session.commit()


@bp.get("/dashboard")
def index():
    denied = _may_see() or _bad_parameters()
    if denied is not None:
        return denied
    _refresh_if_stale()
    form, filters, months = _selection()
    locale = current_locale()
    rtl = text_direction(locale) == "rtl"
    tables = [charts.build_table(name, filters, months, locale) for name in charts.TABLES]
    by_name = {table.name: table for table in tables}
    measure = form.measure.data if form.measure.data in ("ideas", "supports", "participants") else "ideas"
    status = 400 if form.errors else 200
    return render_template(
        "dashboard/index.html",
        form=form,
        tables=tables,
        charts_by_name={table.name: table.chart(rtl) for table in tables},
        legend=legend(by_name["districts"], measure),
        totals=queries.totals(filters),
        moderation=by_name["moderation"],
        map_parts=choropleth_parts(by_name["districts"], measure),
        measure=measure,
        state=queries.state(),
        filters_query={k: v for k, v in request.args.items() if k in FILTER_NAMES - {"lang", "measure"}},
        **channels_partial(),
    ), status


@bp.get("/dashboard/<name>.csv")
def download(name):
    denied = _may_see() or _bad_parameters()
    if denied is not None:
        return denied
    if name not in charts.TABLES:
        return render_error(404, _("There is no such table on the dashboard."))
    _refresh_if_stale()
    form, filters, months = _selection()
    if form.errors:
        return render_error(400, _("These filters are not valid; the dashboard lists the choices."))
    table = charts.build_table(name, filters, months, current_locale())
    response = Response("".join(csv_chunks(table.fields, table.rows)), mimetype="text/csv")
    response.mimetype_params["charset"] = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="agora-dashboard-{name}.csv"'
    return response


@bp.route("/dashboard/populations", methods=["GET", "POST"])
@role_required("admin")
def populations():
    districts = queries.districts()
    forms = {d.id: PopulationForm(prefix=f"d{d.id}", population=_shown(d.population)) for d in districts}
    status = 200
    if request.method == "POST":
        district = db.session.get(District, request.form.get("district", type=int) or 0)
        if district is None:
            return render_error(400, _("Choose one of the districts listed."))
        form = PopulationForm(prefix=f"d{district.id}")
        forms[district.id] = form
        if form.validate_on_submit():
            set_population(district, form.population.data)
            db.session.commit()
            flash(_("Population of %(name)s saved.", name=district.name(current_locale())), "success")
            return redirect(url_for("dashboard.populations"))
        status = 400
    return render_template("dashboard/populations.html", districts=districts, forms=forms), status


def _shown(population):
    return "" if population is None else str(population)
