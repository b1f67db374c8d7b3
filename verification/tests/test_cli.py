"""`stdbase judge` and `stdbase precision`: the verification centre's command-line contracts."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

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
