"""Every account page speaks French, Arabic (right to left) and English."""

import pytest

PAGES = [
    ("/login", None, {"fr": "Se connecter", "ar": "تسجيل الدخول", "en": "Sign in"}),
    ("/register", None, {"fr": "Créer un compte", "ar": "إنشاء حساب", "en": "Create an account"}),
    (
        "/reset",
        None,
        {"fr": "Mot de passe oublié ?", "ar": "نسيت كلمة المرور؟", "en": "Forgot your password?"},
    ),
    (
        "/register/check-inbox",
        None,
        {"fr": "Consultez votre boîte de réception", "ar": "تفقّد صندوق بريدك", "en": "Check your inbox"},
    ),
    ("/account", "citizen", {"fr": "Mon compte", "ar": "حسابي", "en": "My account"}),
    ("/admin/users", "admin", {"fr": "Utilisateurs", "ar": "المستخدمون", "en": "Users"}),
    (
        "/verify/not-a-token",
        None,
        {
            "fr": "Ce lien ne peut pas être utilisé",
            "ar": "لا يمكن استعمال هذا الرابط",
            "en": "This link cannot be used",
        },
    ),
]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize(("path", "role", "titles"), PAGES, ids=[p[0] for p in PAGES])
def test_account_pages_in_each_language(client, auth, path, role, titles, language):
    if role:
        auth.login(role=role)
    response = client.get(f"{path}?lang={language}")
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    assert f"<h1>{titles[language]}</h1>" in page
