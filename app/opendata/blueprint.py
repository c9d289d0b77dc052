"""The `opendata` blueprint: the open-data page and the dataset downloads."""

from flask import Blueprint

bp = Blueprint("opendata", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.opendata import views  # noqa: E402, F401
from app.opendata.snapshots import snapshot_files  # noqa: E402


@bp.record_once
def _declare_snapshots(state):
    # Lower features (a créathon naming the data its teams used) read the list from here.
    state.app.extensions["open_data_snapshots"] = lambda: [name for name, _size in snapshot_files()]
