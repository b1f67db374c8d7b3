"""Known data sources of the catalogue, with the credit and licence each requires."""

from __future__ import annotations

KNOWN_SOURCES: dict[str, dict[str, str]] = {
    "relaton-iso": {
        "name": "Relaton / ISO (relaton-data-iso)",
        "url": "https://github.com/relaton/relaton-data-iso",
        "licence": "Metadata from iso.org; credit Relaton / ISO",
    },
    "relaton-iec": {
        "name": "Relaton / IEC (relaton-data-iec)",
        "url": "https://github.com/relaton/relaton-data-iec",
        "licence": "Metadata from iec.ch; credit Relaton / IEC",
    },
    "relaton-ieee": {
        "name": "Relaton / IEEE (relaton-data-ieee)",
        "url": "https://github.com/relaton/relaton-data-ieee",
        "licence": "Metadata from ieee.org; credit Relaton / IEEE",
    },
    "relaton-gb": {
        "name": "Relaton GB examples (relaton-gb)",
        "url": "https://github.com/relaton/relaton-gb",
        "licence": "BSD-2-Clause",
    },
    "cn-construction": {
        "name": "Arch-Standards-Index 工程建设标准清单",
        "url": "https://github.com/zhiyao87/Arch-Standards-Index",
        "licence": "CC BY 4.0",
    },
    "spreadsheet": {"name": "基地办公室维护的标准清单", "url": "", "licence": ""},
    "samr-platform": {"name": "全国标准信息公共服务平台记录", "url": "", "licence": ""},
    "shipped-seed": {"name": "StdBase 随附数据（见 NOTICE）", "url": "", "licence": "see NOTICE"},
    "admin": {"name": "管理员录入", "url": "", "licence": ""},
}


def source_defaults(slug: str) -> dict[str, str]:
    """Name, link and licence for a source slug; unknown slugs are named after themselves."""
    return dict(KNOWN_SOURCES.get(slug, {"name": slug, "url": "", "licence": ""}))
