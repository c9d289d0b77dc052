"""`flask users create` and `flask users set-role`."""

from app.accounts.passwords import check_password
from app.accounts.services import find_by_email
from tests.factories import make_user


def test_users_create_makes_a_verified_account_with_a_role(runner, db):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Nadia@Example.org",
            "--role",
            "facilitator",
            "--password",
            "atlas mountains view",
            "--verified",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "created nadia@example.org (facilitator)" in result.output
    user = find_by_email("nadia@example.org")
    assert user.role == "facilitator" and user.is_verified and user.display_name == "Nadia"
    assert check_password(user.password_hash, "atlas mountains view")


def test_users_create_defaults_to_an_unverified_citizen(runner, db):
    result = runner.invoke(args=["users", "create", "omar@example.org", "--password", "atlas mountains view"])
    assert result.exit_code == 0, result.output
    user = find_by_email("omar@example.org")
    assert user.role == "citizen" and not user.is_verified


def test_users_create_refuses_weak_passwords_and_duplicates(runner, db):
    short = runner.invoke(args=["users", "create", "a@example.org", "--password", "short"])
    common = runner.invoke(args=["users", "create", "a@example.org", "--password", "1234567890"])
    assert short.exit_code != 0 and common.exit_code != 0
    assert find_by_email("a@example.org") is None
    make_user(email="taken@example.org")
    db.session.commit()
    taken = runner.invoke(args=["users", "create", "taken@example.org", "--password", "atlas mountains view"])
    assert taken.exit_code != 0
    assert "already uses this email" in taken.output


def test_users_create_refuses_an_unknown_role(runner, db):
    result = runner.invoke(
        args=["users", "create", "a@example.org", "--role", "mayor", "--password", "atlas mountains view"]
    )
    assert result.exit_code != 0
    assert find_by_email("a@example.org") is None


def test_users_set_role_changes_the_role(runner, db):
    user = make_user(email="youssef@example.org")
    db.session.commit()
    result = runner.invoke(args=["users", "set-role", "YOUSSEF@example.org", "moderator"])
    assert result.exit_code == 0, result.output
    assert "youssef@example.org is now moderator" in result.output
    db.session.refresh(user)
    assert user.role == "moderator"


def test_users_set_role_reports_an_unknown_account(runner, db):
    result = runner.invoke(args=["users", "set-role", "ghost@example.org", "admin"])
    assert result.exit_code != 0
    assert "no account for ghost@example.org" in result.output
