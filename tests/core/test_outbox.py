"""Without SMTP, mail lands in the development outbox that admins can read."""

from app.core.mail import send_mail


def test_outbox_backend_writes_a_file_that_admins_can_read(app, client, auth, tmp_path):
    app.config["MAIL_BACKEND"] = "app.core.outbox.EmailBackend"
    app.extensions["mailman"].backend = "app.core.outbox.EmailBackend"
    with app.test_request_context():
        send_mail("someone@example.org", "core/email/mail_check", "en", name="Salma")
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    auth.login(role="admin")
    page = client.get("/admin/outbox?lang=en").get_data(as_text=True)
    assert "someone@example.org" in page


def test_a_mail_cut_short_by_a_killed_worker_is_never_shown_as_one(app, client, auth, tmp_path):
    app.config["MAIL_BACKEND"] = "app.core.outbox.EmailBackend"
    app.extensions["mailman"].backend = "app.core.outbox.EmailBackend"
    folder = tmp_path / "outbox"
    folder.mkdir(exist_ok=True)
    # What a worker SIGKILLed between writing and linking leaves behind, in either naming.
    (folder / ".partial-cut.part").write_text("To: cut@example.org\nSubject: Cut")
    (folder / ".partial-old.eml").write_text("To: old@example.org\nSubject: Old")
    with app.test_request_context():
        send_mail("someone@example.org", "core/email/mail_check", "en", name="Salma")
    auth.login(role="admin")
    page = client.get("/admin/outbox?lang=en").get_data(as_text=True)
    assert "someone@example.org" in page
    assert "cut@example.org" not in page and "old@example.org" not in page


def test_citizens_cannot_open_the_outbox(client, auth):
    auth.login(role="citizen")
    assert client.get("/admin/outbox").status_code == 403


def test_mail_check_command_sends_in_the_chosen_language(runner, outbox):
    result = runner.invoke(args=["mail-check", "staff@example.org", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert outbox[0].to == ["staff@example.org"]
    assert outbox[0].subject == "Agora: mail delivery check"
