"""The notification preferences form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField


class PreferencesForm(FlaskForm):
    supporter_updates = BooleanField(
        _l("Tell me about decisions and the city's answers on ideas I support"),
        description=_l("By email and here. Notices about your own ideas are always sent."),
    )
