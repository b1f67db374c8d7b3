import datetime
import io

import pytest

from accounts.tests.conftest import _fast_hashing, _roles, make_org, make_user  # noqa: F401
from research.tests.fixtures import build_catalogue


@pytest.fixture
def catalogue(db):
    return build_catalogue()


def make_docx(paragraphs: list[str]) -> bytes:
    """A Word document with these paragraphs."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def people(db, make_user):  # noqa: F811
    """A centre with a staff member and a plain member, the base office, an outsider."""
    from accounts.models import Role
    from bodies.models import Body, BodyKind, BodyMembership

    centre = Body.objects.create(kind=BodyKind.CENTRE, name="标准化战略研究中心")
    other = Body.objects.create(kind=BodyKind.CENTRE, name="验证中心")
    staff, member, outsider = make_user("staff"), make_user("member"), make_user("outsider")
    for user, body, role in (
        (staff, centre, "centre_staff"),
        (member, centre, "body_member"),
        (outsider, other, "centre_staff"),
    ):
        BodyMembership.objects.create(
            body=body,
            user=user,
            role=Role.objects.get(code=role),
            joined_on=datetime.date(2020, 1, 1),
        )
    return {
        "centre": centre,
        "staff": staff,
        "member": member,
        "outsider": outsider,
        "office": make_user("office", roles=["base_office"]),
        "nobody": make_user("nobody"),
    }
