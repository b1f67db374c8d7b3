"""`stdbase ballot-tally PATH|- --format json`: the command-line contract of the ballot tally."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from core.tests.console import run_stdbase

BALLOT = {
    "rule": "cn-tc",
    "members": [{"id": f"M{i}", "category": "P", "drafter": i == 0} for i in range(8)]
    + [{"id": "OBS", "category": "O"}],
    "votes": [{"member": f"M{i}", "position": "approve"} for i in range(5)]
    + [{"member": "M5", "position": "disapprove", "reasons": "6.2 的限值无依据"}],
}


def tally_json(*args, stdin: str | None = None, monkeypatch=None) -> dict:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    out = io.StringIO()
    call_command("ballot_tally", *args, stdout=out)
    return json.loads(out.getvalue())


def test_file_input_prints_the_result_with_exact_fractions(tmp_path):
    path = tmp_path / "ballot.json"
    path.write_text(json.dumps(BALLOT, ensure_ascii=False), encoding="utf-8")
    result = tally_json(str(path), "--format", "json")
    assert result["passed"] is True
    assert result["ratios"] == {"participation": 0.75, "approval": 5 / 6, "disapproval": 1 / 6}
    assert result["fractions"] == {"participation": "3/4", "approval": "5/6", "disapproval": "1/6"}
    assert result["counts"]["voting_members"] == 8
    assert result["counts"]["not_voted"] == 2
    assert result["explanation"][-1] == "结论：投票通过。"


def test_standard_input_and_a_custom_rule(monkeypatch):
    ballot = dict(BALLOT, rule={"approval_threshold": "6/7", "exclude_drafters": True})
    result = tally_json("-", stdin=json.dumps(ballot), monkeypatch=monkeypatch)
    assert result["rule"] == "custom"
    assert result["passed"] is False
    assert result["fractions"] == {"approval": "4/5"}
    assert result["counts"]["drafters_excluded"] == 1
    assert "未通过" in result["explanation"][-1]


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        (dict(BALLOT, votes=[{"member": "Z", "position": "approve"}]), "Z 投了票"),
        (dict(BALLOT, votes=[{"member": "M1", "position": "approve"}] * 2), "M1 重复投票"),
        (dict(BALLOT, votes=[{"member": "M1", "position": "for"}]), "for"),
        ({"rule": "cn-tc", "members": []}, "votes"),
        ([1, 2], "JSON 对象"),
    ],
)
def test_bad_ballots_are_refused_with_exit_status_2(tmp_path, ballot, message):
    path = tmp_path / "ballot.json"
    path.write_text(json.dumps(ballot))
    with pytest.raises(CommandError) as error:
        call_command("ballot_tally", str(path), stdout=io.StringIO())
    assert error.value.returncode == 2
    assert message in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="文件不存在") as error:
        call_command("ballot_tally", str(tmp_path / "none.json"), stdout=io.StringIO())
    assert error.value.returncode == 2


def test_console_command_streams_and_exit_status():
    good = run_stdbase("ballot-tally", "-", "--format", "json", stdin=json.dumps(BALLOT))
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["passed"] is True
    malformed = run_stdbase("ballot-tally", "-", "--format", "json", stdin='{"rule": "cn-tc",')
    assert malformed.returncode == 2
    assert malformed.stdout == b""
    assert "JSON 格式有误" in malformed.stderr.decode()
    assert "第 1 行" in malformed.stderr.decode()
