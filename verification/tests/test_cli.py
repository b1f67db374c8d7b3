"""`stdbase judge` and `stdbase precision`: the verification centre's command-line contracts."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from core.tests.console import run_stdbase


def judged(*args) -> dict:
    out = io.StringIO()
    call_command("judge", *args, stdout=out)
    return json.loads(out.getvalue())


def test_judge_prints_verdict_and_rule():
    result = judged("≤ 0.5 mg/kg", "0.48", "--format", "json")
    assert result["verdict"] == "pass"
    assert (
        result["rule"] == "测定值 0.48 mg/kg，要求 x ≤ 0.5 mg/kg，按 GB/T 8170 全数值比较法：符合。"
    )
    assert result["limit"]["upper"] == "0.5"


def test_judge_with_unit_and_method():
    assert judged("不低于 30 MPa", "29 800", "--unit", "kPa")["verdict"] == "fail"
    rounded = judged("≥97.0 %", "96.96", "--method", "rounded")
    assert (rounded["verdict"], rounded["method"], rounded["compared_value"]) == (
        "pass",
        "rounded",
        "97.0",
    )


def test_judge_inconclusive_is_a_verdict_not_an_error():
    result = judged("≤ 0.5 mg/kg", "0.4", "--unit", "MPa")
    assert result["verdict"] == "inconclusive"
    assert "无法换算" in result["rule"]


def test_judge_console_command():
    done = run_stdbase("judge", "95 %~105 %", "106", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "fail"


ROUND = "level,lab,value\n" + "".join(
    f"{level},{lab},{value}\n"
    for level, cells in {
        "1": {"A": (10.0, 10.2), "B": (10.4, 10.6), "C": (9.8, 10.2), "D": (10.2, 10.2)},
        "2": {"A": (20.0, 20.2), "B": (20.1, 20.3), "C": (19.9, 20.1), "D": (25.0, 25.2)},
    }.items()
    for lab, values in cells.items()
    for value in values
)


def test_precision_prints_each_level(tmp_path):
    path = tmp_path / "round.csv"
    path.write_text(ROUND, encoding="utf-8")
    out = io.StringIO()
    call_command("precision", str(path), "--format", "json", stdout=out)
    first, second = json.loads(out.getvalue())["levels"]
    assert first["level"] == "1"
    assert first["s_r"] == pytest.approx(0.173205, abs=1e-6)
    assert first["R"] == pytest.approx(0.695318, abs=1e-6)
    assert (first["outliers"], first["stragglers"]) == ([], [])
    assert {"mean", "s_r", "s_R", "r", "R"} <= set(second)
    flagged = second["outliers"] + second["stragglers"]
    assert [(f["lab"], f["test"]) for f in flagged] == [("D", "grubbs_high")]


def test_precision_bad_data_is_located_and_exits_2(tmp_path):
    path = tmp_path / "round.csv"
    path.write_text(ROUND.replace("19.9", "19,9x"), encoding="utf-8")
    done = run_stdbase("precision", str(path), "--format", "json")
    assert (done.returncode, done.stdout) == (2, b"")
    assert "第 14 行，value 列" in done.stderr.decode()
    assert "小数逗号" in done.stderr.decode()
    path.write_text(ROUND.replace("19.9", "约19.9"), encoding="utf-8")
    with pytest.raises(CommandError, match="第 14 行，value 列：“约19.9”不是数值"):
        call_command("precision", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError) as error:
        call_command("precision", str(tmp_path / "missing.csv"), stdout=io.StringIO())
    assert error.value.returncode == 2
