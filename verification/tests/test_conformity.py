"""Conformity tests through the services: judging, located data errors, reports, statistics."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from core.writers import Sheet, write_csv, write_xlsx
from verification.models import ConformityTest
from verification.services.conformity import (
    ConformityError,
    ItemInput,
    clause_failure_stats,
    create_conformity_test,
    read_items_file,
    record_items,
)
from verification.tests.evaluation_fixtures import *  # noqa: F403
from workflows.services import transition

pytestmark = pytest.mark.django_db


def new_test(world, tested_on=datetime.date(2025, 5, 1), product="插座"):
    return create_conformity_test(
        user=world["engineer"], standard=world["standard"], centre=world["centre"],
        product=product, model="S-10", lot="L01", tested_on=tested_on,
    )  # fmt: skip


def test_items_are_judged_by_the_limits_core_with_the_rule(world):
    test = new_test(world)
    rows = record_items(
        test,
        [
            ItemInput("5.2", "铅", "≤ 0.5 mg/kg", "0.48"),
            ItemInput("5.3", "绝缘电阻", "不小于 5 MΩ", "3.2"),
            ItemInput("5.4", "外观", "符合要求", "合格"),
            ItemInput("6.1", "含量", "≤ 0.5 % 修约值比较", "0.54"),
        ],
        user=world["engineer"],
    )
    # 0.54 rounds to 0.5 (GB/T 8170, to the digit of the limit): passes by rounded values.
    assert [r.verdict for r in rows] == ["pass", "fail", "inconclusive", "pass"]
    assert "GB/T 8170" in rows[0].rule and rows[3].method == "rounded"
    assert AuditEntry.objects.filter(action="verification.conformity.results").count() == 1


def test_a_value_that_is_not_a_number_is_a_located_error_and_nothing_is_saved(world):
    test = new_test(world)
    with pytest.raises(ConformityError) as error:
        record_items(
            test,
            [ItemInput("5.2", "铅", "≤ 0.5 mg/kg", "0.1", row=2),
             ItemInput("5.3", "铅", "≤ 0.5 mg/kg", "约一半", row=3)],
            user=world["engineer"],
        )  # fmt: skip
    assert error.value.message.startswith("第 3 行，“测定值”列：")
    assert test.items.count() == 0


def test_unit_that_cannot_convert_is_located(world):
    test = new_test(world)
    with pytest.raises(ConformityError) as error:
        record_items(test, [ItemInput("5", "强度", "≥ 30 MPa", "31 mm", row=4)],
                     user=world["engineer"])  # fmt: skip
    assert "第 4 行" in error.value.message


def test_not_detected_is_inconclusive_not_an_error(world):
    rows = record_items(new_test(world), [ItemInput("5", "铅", "≤ 0.5 mg/kg", "未检出")],
                        user=world["engineer"])  # fmt: skip
    assert rows[0].verdict == "inconclusive"


def test_only_the_centre_s_people_record_tests(world):
    with pytest.raises(ConformityError):
        create_conformity_test(
            user=world["outsider"], standard=world["standard"], centre=world["centre"],
            product="插座", tested_on=datetime.date(2025, 1, 1),
        )  # fmt: skip
    test = new_test(world)
    with pytest.raises(ConformityError):
        record_items(test, [ItemInput("5", "铅", "≤ 0.5", "0.1")], user=world["outsider"])
    assert list(ConformityTest.objects.restrict(world["outsider"])) == []
    assert list(ConformityTest.objects.restrict(world["engineer"])) == [test]
    assert list(ConformityTest.objects.restrict(world["office"])) == [test]


def xlsx_upload(rows, name="data.xlsx"):
    data = write_xlsx([Sheet("数据", rows)])
    return SimpleUploadedFile(name, data)


def test_upload_reads_the_template_columns():
    upload = xlsx_upload(
        [["条款", "指标", "要求", "测定值", "单位"], ["5.2", "铅", "≤ 0.5 mg/kg", 0.12, ""],
         [None, None, None, None, None], ["5.3", "镉", "≤ 0.1 mg/kg", "0.05", "mg/kg"]]
    )  # fmt: skip
    items = read_items_file(upload)
    assert [(i.clause, i.value, i.row) for i in items] == [("5.2", "0.12", 2), ("5.3", "0.05", 4)]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["条款", "指标", "测定值"], ["5", "铅", "1"]], "缺少：要求"),
        ([["条款", "指标", "要求", "测定值"], ["5", "铅", "≤0.5", ""]],
         "第 2 行，“测定值”列：为空。"),
        ([["条款", "指标", "要求", "测定值", "判定方法"], ["5", "铅", "≤0.5", "1", "随便"]],
         "第 2 行，“判定方法”列"),
    ],
)  # fmt: skip
def test_upload_errors_name_row_and_column(rows, message):
    with pytest.raises(ConformityError) as error:
        read_items_file(xlsx_upload(rows))
    assert message in error.value.message


def test_csv_upload_in_gb18030():
    data = "条款,指标,要求,测定值\n5.2,铅,≤ 0.5 mg/kg,0.3\n".encode("gb18030")
    items = read_items_file(SimpleUploadedFile("d.csv", data))
    assert items[0].requirement == "≤ 0.5 mg/kg"
    utf8 = write_csv(["条款", "指标", "要求", "测定值"], [["5", "铅", "≤0.5", "0.6"]])
    assert read_items_file(SimpleUploadedFile("d.csv", utf8))[0].value == "0.6"


def report(world, test):
    return transition(test, "reported", world["engineer"], "")


def test_reporting_gives_a_number_and_code_and_needs_items(world):
    from workflows.exceptions import TransitionRefused

    test = new_test(world)
    with pytest.raises(TransitionRefused):
        report(world, test)
    record_items(test, [ItemInput("5", "铅", "≤ 0.5", "0.1")], user=world["engineer"])
    report(world, test)
    test.refresh_from_db()
    assert test.state == "reported" and test.report_number.startswith("CT-")
    assert len(test.verification_code) == 10
    with pytest.raises(ConformityError):
        record_items(test, [ItemInput("6", "铅", "≤ 0.5", "0.1")], user=world["engineer"])


def test_clause_failure_stats_rank_clauses_and_give_rates_per_year(world):
    data = [
        (datetime.date(2024, 3, 1), [("5.2", "0.6"), ("5.3", "0.05")]),
        (datetime.date(2024, 9, 1), [("5.2", "0.7"), ("5.3", "0.2")]),
        (datetime.date(2025, 2, 1), [("5.2", "0.1"), ("5.3", "0.05")]),
    ]
    for day, values in data:
        test = new_test(world, tested_on=day)
        record_items(
            test,
            [ItemInput(c, "铅" if c == "5.2" else "镉", "≤ 0.5" if c == "5.2" else "≤ 0.1", v)
             for c, v in values],
            user=world["engineer"],
        )  # fmt: skip
        report(world, test)
    draft = new_test(world)  # drafts do not count
    record_items(draft, [ItemInput("5.3", "镉", "≤ 0.1", "9")], user=world["engineer"])
    stats = clause_failure_stats(world["standard"])
    assert stats.tests == 3 and stats.failed_tests == 2
    assert [(c.clause, c.tested, c.failed) for c in stats.clauses] == [("5.2", 3, 2), ("5.3", 3, 1)]
    assert stats.clauses[0].fail_rate == pytest.approx(2 / 3)
    assert [(y.year, y.tests, y.failed_tests, y.items, y.failed_items) for y in stats.years] == [
        (2024, 2, 2, 4, 3), (2025, 1, 0, 2, 0),
    ]  # fmt: skip
    assert clause_failure_stats(world["standard"], user=world["outsider"]).tests == 0
