"""The worked example of docs/draws.md, recomputed by hand-written steps and by the service."""

from __future__ import annotations

import hashlib
import hmac
import json

from talent.services.draws import DrawRequest, draw_panel, parse_pool

POOL = json.loads(
    '[{"id":"E1","org":"甲","fields":["13.020"]},{"id":"E2","org":"乙","fields":["13.020"]},'
    '{"id":"E3","org":"丙","fields":["13.020","91.100"]},'
    '{"id":"E4","org":"丁","fields":["91.100"],"avoid":["甲"]},'
    '{"id":"E5","org":"戊","fields":["13.020"]},{"id":"E6","org":"乙","fields":["91.100"]}]'
)
SEED = bytes(range(32))
SNAPSHOT = (
    '[{"avoid":[],"fields":["13.020"],"id":"E2","org":"乙"},'
    '{"avoid":[],"fields":["13.020","91.100"],"id":"E3","org":"丙"},'
    '{"avoid":[],"fields":["13.020"],"id":"E5","org":"戊"},'
    '{"avoid":[],"fields":["91.100"],"id":"E6","org":"乙"}]'
)


def test_worked_example_by_hand():
    digest = hashlib.sha256(SNAPSHOT.encode()).hexdigest()
    assert digest == "dba9ed7f7a5a008c541fe70c85d78da21b5e5e4801dc6a4aea474147cbd60cf2"
    block = hmac.digest(SEED, bytes.fromhex(digest) + bytes(8), "sha256")
    words = [int.from_bytes(block[i : i + 8], "big") for i in (0, 8, 16)]
    assert words == [15065439364010228815, 11263285480838295539, 13117741538577825309]
    order = ["E2", "E3", "E5", "E6"]
    j = 0 + words[0] % 4
    order[0], order[j] = order[j], order[0]
    j = 1 + words[1] % 3
    order[1], order[j] = order[j], order[1]
    assert order[:2] == ["E6", "E2"]
    rest = ["E3", "E5"]
    assert rest[words[2] % 2] == "E5"


def test_worked_example_by_the_service():
    request = DrawRequest(need=2, alternates=1, exclude_orgs=frozenset({"甲"}))
    draw = draw_panel(parse_pool(POOL), request, SEED)
    assert draw.commitment == "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
    assert draw.pool_sha256 == hashlib.sha256(SNAPSHOT.encode()).hexdigest()
    assert (draw.panel, draw.alternates) == (["E6", "E2"], ["E5"])
    assert draw.excluded == {"E1": "与相关方同单位：甲", "E4": "回避单位：甲"}
