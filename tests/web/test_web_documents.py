"""The documents behind the workspace: page images and e-invoice XML only for people logged in (or
with a token), an e-invoice drawn as an invoice with its XML a click away, a possible duplicate shown
side by side, and edits and decisions posted from the page's forms (CSRF-checked)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.settings import Settings
from opsloop.store.tables import Correction, Document, Proposal
from opsloop.web.app import create_app
from tests.review.invoice_world import invoice_world
from tests.review.review_helpers import PASSWORD, add_users


@pytest.fixture
def client(settings: Settings, engine: Engine) -> TestClient:
    add_users(engine)
    return TestClient(create_app(settings, engine=engine))


def _log_in(client: TestClient, name: str = "alice") -> None:
    page = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": csrf})


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_pages_and_xml_are_only_for_people_logged_in(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    ids = invoice_world(engine, settings, "schmidt_RE-2026-0412.pdf", "hansa_HL-26-04417.xml")
    with Session(engine) as session:
        pdf = session.exec(select(Document).where(Document.kind == "pdf")).one()
        xml = session.exec(select(Document).where(Document.kind == "einvoice")).one()
    # WHEN a stranger asks for a page or the XML THEN nothing is served
    assert client.get(f"/documents/{pdf.id}/pages/1.png").status_code == 401
    assert client.get(f"/documents/{xml.id}/xml").status_code == 401
    # WHEN someone logged in asks THEN the page is a PNG (rendered once, then from the cache)
    _log_in(client)
    first = client.get(f"/documents/{pdf.id}/pages/1.png")
    assert first.status_code == 200 and first.content.startswith(b"\x89PNG")
    assert first.headers["x-content-type-options"] == "nosniff"
    assert list((settings.data_dir / "cache" / "pages").rglob("*.png"))
    assert client.get(f"/documents/{pdf.id}/pages/9.png").status_code == 404
    # AND the e-invoice's XML comes as text, never as markup
    served = client.get(f"/documents/{xml.id}/xml")
    assert served.headers["content-type"].startswith("text/plain") and "HL-26-04417" in served.text
    # AND the e-invoice's proposal draws it as an invoice, the XML one click away
    page = client.get(f"/proposals/{ids['hansa_HL-26-04417.xml']}").text
    assert 'class="einvoice"' in page and f'href="/documents/{xml.id}/xml"' in page
    assert "Palettenversand national, je Palette" in page


def test_a_possible_duplicate_is_shown_beside_the_other_document(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    ids = invoice_world(engine, settings, "northbridge_INV-0042.pdf", "northbridge_INV-42_copy.pdf")
    _log_in(client)
    copy = ids["northbridge_INV-42_copy.pdf"]
    page = client.get(f"/proposals/{copy}").text
    other = re.search(r'\?compare=(\d+)">document #\d+ \(side by side\)', page)
    assert other is not None, "the page links the document it may duplicate"
    both = client.get(f"/proposals/{copy}?compare={other.group(1)}").text
    assert both.count('<article class="doc') == 2 and "possible duplicate (document #" in both


def test_the_edit_form_sends_only_what_changed_and_a_stale_form_is_refused(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    pid = invoice_world(engine, settings, "schmidt_RE-2026-0412.pdf")["schmidt_RE-2026-0412.pdf"]
    _log_in(client, "dave")
    page = client.get(f"/proposals/{pid}").text
    form = dict(re.findall(r'<input id="f-([^"]+)" name="[^"]+" value="([^"]*)"', page))
    # WHEN the whole form comes back with one value changed
    values = {name: value for name, value in form.items() if not name.startswith("lines.new")}
    values.update(
        {"total": "1432.62", "lines.3.quantity": "40", "csrf_token": _csrf(page), "seen_version": "0"}
    )
    answer = client.post(f"/proposals/{pid}/edit", data=values, headers={"HX-Request": "true"})
    # THEN only that change (and the line amount it implies) is recorded
    assert answer.status_code == 200 and "Re-checked" in answer.text
    with Session(engine) as session:
        fields = sorted(c.field for c in session.exec(select(Correction)))
        assert fields == ["lines.3.amount", "lines.3.quantity"]
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "edited"
    # WHEN the same (now stale) form is sent again THEN it is refused, nothing changes
    stale = client.post(
        f"/proposals/{pid}/edit", data={**values, "lines.3.quantity": "41"}, headers={"HX-Request": "true"}
    )
    assert "reload it" in stale.text or "version" in stale.text
    with Session(engine) as session:
        assert len(session.exec(select(Correction)).all()) == 2
    # AND a forged form is refused
    forged = client.post(
        f"/proposals/{pid}/decide", data={"action": "reject", "reason": "x", "csrf_token": "forged"}
    )
    assert forged.status_code == 403
