"""Home page, health check, security headers and error pages."""


def test_home_explains_what_people_can_do_and_leads_to_registration(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Propose an idea" in page
    assert 'href="/register"' in page and 'href="/login"' in page


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_database_is_unreachable(app, client, monkeypatch):
    from app.extensions import db

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"


def test_security_headers_forbid_inline_script_and_framing(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_load_no_asset_from_another_host(client):
    page = client.get("/").get_data(as_text=True)
    for marker in ('src="http', 'href="http', "src='http", "//cdn", "googleapis"):
        assert marker not in page


def test_404_page_is_in_the_users_language(client):
    response = client.get("/no-such-page?lang=ar")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.get_data(as_text=True)
    assert "الصفحة غير موجودة" in response.get_data(as_text=True)


def test_405_page(client):
    response = client.delete("/?lang=en")
    assert response.status_code == 405
    assert "Method not allowed" in response.get_data(as_text=True)


def test_oversized_request_gets_the_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/login?lang=en", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)


def test_unexpected_error_gets_the_500_page_in_the_users_language(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = client.get("/boom?lang=fr")
    assert response.status_code == 500
    assert "Une erreur inattendue" in response.get_data(as_text=True)


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]
