"""Console names kept after the command modules became snake_case (import, check-refs)."""

from __future__ import annotations

import json

import pytest

from stdbase.cli import main, resolve


def test_aliases_map_to_the_snake_case_modules():
    assert resolve(["stdbase", "import", "x.xlsx"]) == ["stdbase", "import_catalog", "x.xlsx"]
    assert resolve(["stdbase", "help", "check-refs"]) == ["stdbase", "help", "check_refs"]
    assert resolve(["stdbase", "migrate", "import"]) == ["stdbase", "migrate", "import"]
    assert resolve(["stdbase"]) == ["stdbase"]


@pytest.mark.parametrize("spelling", ["import", "import_catalog"])
def test_both_spellings_of_import_run_the_same_command(spelling, capsys):
    with pytest.raises(SystemExit) as done:
        main([spelling, "--help"])
    assert done.value.code == 0
    assert "import_catalog" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["check-refs", "check_refs"])
def test_both_spellings_of_check_refs_check_a_document(spelling, tmp_path, capsys):
    document = tmp_path / "refs.txt"
    document.write_text("依据 GB 50204-2002 施工\n", encoding="utf-8")
    main([spelling, str(document), "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert [row["input"] for row in rows] == ["GB 50204-2002"]
