"""Sign-in, registration, email verification, password reset, settings and user administration."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME
from sqlalchemy.exc import IntegrityError

from app.accounts import queries, services, throttle
from app.accounts.blueprint import bp
from app.accounts.forms import (
    ROLE_CHOICES,
    ROLE_LABELS,
    BlockAccountForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
    RoleForm,
    UserSearchForm,
)
from app.accounts.models import User
from app.core.permissions import role_required
from app.core.urls import safe_next
from app.extensions import db, limiter

USERS_PER_PAGE = 25


def _me():
    # Services get the real user object: handing them the proxy could loop back into itself.
    return current_user._get_current_object()


def _limit(setting):
    # Read at request time so that the limits follow the configuration of the running app.
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"])


@bp.route("/login", methods=["GET", "POST"])
@_limit("RATELIMIT_LOGIN")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        wait = throttle.seconds_until_allowed(form.email.data)
        if wait:
            # Not even checked: guessing one account's password from many addresses stops here.
            flash(
                _(
                    "Too many failed sign-ins for this address. Wait a few minutes before trying "
                    "again, or choose a new password with the link below."
                ),
                "error",
            )
            page = render_template("accounts/login.html", form=form)
            return page, 429, {"Retry-After": str(wait)}
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            services.record_login(user)
            db.session.commit()
            session["lang"] = user.language
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("core.home"))
        throttle.count_failure(form.email.data)
        flash(_("Email or password is incorrect."), "error")
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    # The cookie alone cannot be revoked: a new session token makes every copy of it, and
    # the remember-me cookie, worthless.
    services.end_all_sessions(_me())
    db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    services.end_all_sessions(_me())
    db.session.commit()
    logout_user()
    flash(_("You are signed out on every device, this one included."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/register", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = RegisterForm()
    if request.method == "GET" and not form.language.data:
        form.language.data = str(get_locale())
    if form.validate_on_submit():
        # A taken address gets exactly the same answer; its owner is told by mail.
        try:
            services.register(form.email.data, form.display_name.data, form.password.data, form.language.data)
            db.session.commit()
        except IntegrityError:
            # Two sign-ups for one address at the same instant: the database keeps the first.
            db.session.rollback()
        return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/register.html", form=form)


@bp.get("/register/check-inbox")
def check_inbox():
    return render_template("accounts/check_inbox.html")


@bp.get("/verify/<token>")
def verify(token):
    try:
        services.verify_email(token)
    except services.LinkUsed as used:
        flash(str(used), "info")
        return redirect(url_for("accounts.settings" if current_user.is_authenticated else "accounts.login"))
    except services.AccountError as error:
        return _link_problem(error, "verify")
    db.session.commit()
    flash(_("Thank you, your email address is verified. You can now propose and support ideas."), "success")
    return redirect(url_for("core.home" if current_user.is_authenticated else "accounts.login"))


@bp.post("/verify/resend")
@login_required
@_limit("RATELIMIT_RESET")
def resend_verification():
    if services.resend_verification(_me()):
        db.session.commit()
        flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email), "success")
    else:
        flash(_("Your email address is already verified."), "info")
    return redirect(safe_next(request.form.get("next")) or url_for("accounts.settings"))


@bp.route("/reset", methods=["GET", "POST"])
@_limit("RATELIMIT_RESET")
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "If an account uses this address, we have sent it a link to choose a new password. "
                "Check your inbox and your spam folder."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        user = services.user_for_reset(token)
    except services.AccountError as error:
        return _link_problem(error, "reset")
    form = ResetPasswordForm()
    form.account_email = user.email
    if form.validate_on_submit():
        services.reset_password(token, form.password.data)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        flash(
            _("Your password is changed and your other sessions are signed out. Sign in with it now."),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


def _link_problem(error, kind):
    return render_template("accounts/link_problem.html", message=str(error), kind=kind), 400


@bp.route("/account", methods=["GET", "POST"])
@login_required
def settings():
    profile = ProfileForm(obj=current_user)
    password = PasswordChangeForm(formdata=None)
    if profile.validate_on_submit():
        services.update_profile(_me(), profile.display_name.data, profile.language.data)
        db.session.commit()
        session["lang"] = profile.language.data
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", profile=profile, password=password)


@bp.post("/account/password")
@login_required
def change_password():
    profile = ProfileForm(formdata=None, obj=current_user)
    password = PasswordChangeForm()
    password.account_email = current_user.email
    if password.validate_on_submit():
        try:
            user = services.change_password(_me(), password.current_password.data, password.password.data)
        except services.WrongPassword as error:
            password.current_password.errors.append(str(error))
        else:
            db.session.commit()
            # The new stamp signed out every session; sign this one in again, keeping remember-me.
            had_remember = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
            login_user(user, remember=had_remember)
            flash(_("Your password is changed. Your other devices are signed out."), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", profile=profile, password=password)


@bp.get("/admin/users")
@role_required("admin")
def admin_users():
    search = UserSearchForm(request.args)
    query = queries.users_matching(search.q.data, search.role.data, search.verified.data, search.blocked.data)
    page = db.paginate(
        query, page=request.args.get("page", 1, type=int), per_page=USERS_PER_PAGE, error_out=False
    )
    return render_template(
        "accounts/admin_users.html",
        search=search,
        page=page,
        role_choices=ROLE_CHOICES,
        role_labels=ROLE_LABELS,
        changes=queries.account_changes(),
    )


@bp.post("/admin/users/<int:user_id>/<any(block, unblock):verb>")
@role_required("admin")
def admin_block(user_id, verb):
    user = db.get_or_404(User, user_id)
    form = BlockAccountForm()
    back = safe_next(form.next.data) or url_for("accounts.admin_users")
    if not form.validate_on_submit():
        flash(_("Check the form and try again."), "error")
        return redirect(back)
    try:
        (services.admin_block if verb == "block" else services.admin_unblock)(_me(), user)
    except services.AccountError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    if verb == "block":
        flash(_("%(name)s is blocked and signed out everywhere.", name=user.display_name), "success")
    else:
        flash(_("%(name)s is no longer blocked.", name=user.display_name), "success")
    return redirect(back)


@bp.post("/admin/users/<int:user_id>/role")
@role_required("admin")
def admin_set_role(user_id):
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    back = safe_next(form.next.data) or url_for("accounts.admin_users")
    if not form.validate_on_submit():
        flash(_("Choose one of the listed roles."), "error")
        return redirect(back)
    try:
        services.change_role(_me(), user, form.role.data)
    except services.AccountError as error:
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    flash(_("%(email)s is now: %(role)s.", email=user.email, role=ROLE_LABELS[user.role]), "success")
    return redirect(back)
