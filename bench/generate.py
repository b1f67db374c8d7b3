"""Generated Chinese catalogue records for benchmarks - clearly labelled, never real.

Titles are combined from realistic title vocabulary (field, object, aspect), designations
follow real patterns (GB/T, GB, JB/T, DB41/T, T/CAS ...) with one to three editions per
series. Every record carries extra["generated"] = True and the data source slug
"generated-bench", so it can never be mistaken for a real standard.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterator

SOURCE_SLUG = "generated-bench"
SOURCE_NAME = "Generated benchmark records (not real standards)"

FIELDS = [
    ("信息安全技术", "Information security technology"),
    ("信息技术", "Information technology"),
    ("电动汽车", "Electric vehicles"),
    ("燃气", "Gas"),
    ("建筑", "Building"),
    ("混凝土", "Concrete"),
    ("钢结构", "Steel structures"),
    ("食品安全国家标准", "National food safety standard"),
    ("电力", "Electric power"),
    ("医疗器械", "Medical devices"),
    ("机械安全", "Safety of machinery"),
    ("石油天然气工业", "Petroleum and natural gas industries"),
    ("农业机械", "Agricultural machinery"),
    ("纺织品", "Textiles"),
    ("化学品", "Chemicals"),
    ("环境保护", "Environmental protection"),
    ("道路车辆", "Road vehicles"),
    ("轨道交通", "Railway applications"),
    ("智能制造", "Intelligent manufacturing"),
    ("工业互联网", "Industrial internet"),
    ("物联网", "Internet of things"),
    ("光伏发电", "Photovoltaic power generation"),
    ("风力发电机组", "Wind turbines"),
    ("民用航空", "Civil aviation"),
    ("船舶", "Ships"),
    ("消防", "Fire protection"),
    ("电梯", "Lifts"),
    ("特种设备", "Special equipment"),
    ("水质", "Water quality"),
    ("土壤质量", "Soil quality"),
    ("环境空气", "Ambient air"),
    ("塑料", "Plastics"),
    ("橡胶", "Rubber"),
    ("色漆和清漆", "Paints and varnishes"),
    ("钢铁", "Iron and steel"),
    ("有色金属", "Non-ferrous metals"),
    ("煤炭", "Coal"),
    ("粮油检验", "Inspection of grain and oils"),
    ("中药材", "Chinese medicinal materials"),
    ("茶叶", "Tea"),
    ("安全防范", "Security and protection"),
    ("应急管理", "Emergency management"),
    ("公共安全", "Public safety"),
    ("网络安全", "Cybersecurity"),
    ("数据安全", "Data security"),
    ("个人信息保护", "Personal information protection"),
    ("云计算", "Cloud computing"),
    ("大数据", "Big data"),
    ("人工智能", "Artificial intelligence"),
    ("区块链", "Blockchain"),
    ("卫星导航", "Satellite navigation"),
    ("通信", "Telecommunications"),
    ("声学", "Acoustics"),
    ("光学", "Optics"),
    ("计量", "Metrology"),
    ("质量管理", "Quality management"),
    ("检验检测", "Testing and inspection"),
    ("城镇燃气", "City gas"),
    ("给水排水", "Water supply and drainage"),
    ("城市轨道交通", "Urban rail transit"),
    ("公路工程", "Highway engineering"),
]
OBJECTS = [
    ("管道", "pipelines"),
    ("阀门", "valves"),
    ("压缩机", "compressors"),
    ("变压器", "transformers"),
    ("电力电缆", "power cables"),
    ("连接器", "connectors"),
    ("传感器", "sensors"),
    ("控制器", "controllers"),
    ("电池管理系统", "battery management systems"),
    ("充电设施", "charging facilities"),
    ("储能系统", "energy storage systems"),
    ("锂离子电池", "lithium-ion batteries"),
    ("动力蓄电池", "traction batteries"),
    ("混凝土结构", "concrete structures"),
    ("砌体结构", "masonry structures"),
    ("钢筋", "steel bars"),
    ("水泥", "cement"),
    ("建筑玻璃", "architectural glass"),
    ("门窗", "windows and doors"),
    ("防水材料", "waterproofing materials"),
    ("保温材料", "thermal insulation materials"),
    ("照明设备", "lighting equipment"),
    ("家用电器", "household appliances"),
    ("电动工具", "electric tools"),
    ("起重机械", "cranes"),
    ("工业车辆", "industrial trucks"),
    ("数控机床", "CNC machine tools"),
    ("滚动轴承", "rolling bearings"),
    ("齿轮", "gears"),
    ("离心泵", "centrifugal pumps"),
    ("通风机", "fans"),
    ("工业锅炉", "industrial boilers"),
    ("换热器", "heat exchangers"),
    ("密封件", "seals"),
    ("紧固件", "fasteners"),
    ("焊接材料", "welding consumables"),
    ("包装容器", "packaging containers"),
    ("医用口罩", "medical masks"),
    ("一次性使用输液器", "single-use infusion sets"),
    ("体外诊断试剂", "in vitro diagnostic reagents"),
    ("婴幼儿配方食品", "infant formula"),
    ("乳制品", "dairy products"),
    ("肉制品", "meat products"),
    ("饮料", "beverages"),
    ("化妆品", "cosmetics"),
    ("玩具", "toys"),
    ("儿童用品", "children's products"),
    ("服装", "garments"),
    ("鞋类", "footwear"),
    ("木家具", "wooden furniture"),
    ("润滑油", "lubricating oils"),
    ("燃料电池", "fuel cells"),
    ("氢气", "hydrogen"),
    ("液化石油气", "liquefied petroleum gas"),
    ("供热管网", "heating networks"),
    ("污水处理设施", "sewage treatment facilities"),
    ("生活垃圾焚烧设施", "waste incineration plants"),
    ("桥梁", "bridges"),
    ("隧道", "tunnels"),
    ("信号系统", "signalling systems"),
    ("车载终端", "on-board terminals"),
    ("电子地图", "electronic maps"),
    ("数据中心", "data centres"),
    ("服务器", "servers"),
    ("操作系统", "operating systems"),
    ("数据库管理系统", "database systems"),
    ("密码模块", "cryptographic modules"),
    ("身份鉴别", "identity authentication"),
    ("网络设备", "network devices"),
    ("工业控制系统", "industrial control systems"),
    ("无人机", "unmanned aircraft"),
    ("机器人", "robots"),
    ("智能家居", "smart home"),
]
ASPECTS = [
    ("通用技术条件", "General specification"),
    ("技术要求", "Technical requirements"),
    ("安全要求", "Safety requirements"),
    ("测试方法", "Test methods"),
    ("试验方法", "Test methods"),
    ("检验规则", "Inspection rules"),
    ("设计规范", "Code for design"),
    ("施工及验收规范", "Code for construction and acceptance"),
    ("技术规程", "Technical specification"),
    ("术语", "Vocabulary"),
    ("分类与代码", "Classification and codes"),
    ("评价方法", "Evaluation methods"),
    ("能效限定值及能效等级", "Minimum allowable values of energy efficiency and grades"),
    ("性能要求", "Performance requirements"),
    ("基本要求", "Baseline requirements"),
    ("实施指南", "Implementation guide"),
    ("运行维护规程", "Operation and maintenance rules"),
    ("管理规范", "Management specification"),
    ("质量要求", "Quality requirements"),
    ("标志、包装、运输和贮存", "Marking, packaging, transport and storage"),
    ("检测方法", "Detection methods"),
    ("限量", "Limits"),
    ("抽样方法", "Sampling methods"),
    ("型式与基本参数", "Types and basic parameters"),
    ("安全技术规范", "Safety technical specification"),
    ("环境适应性要求", "Environmental adaptability requirements"),
    ("可靠性试验", "Reliability tests"),
    ("电磁兼容 限值和测量方法", "EMC limits and measurement"),
    ("数据格式", "Data format"),
    ("接口规范", "Interface specification"),
]
PART_TITLES = [
    ("通用要求", "General requirements"),
    ("试验方法", "Test methods"),
    ("产品规范", "Product specification"),
    ("安装要求", "Installation requirements"),
]

# (prefix, tier, mandate, publisher code, weight, max number)
PREFIXES = [
    ("GB/T", "national", "recommended", "SAMR", 30, 45000),
    ("GB", "national", "mandatory", "SAMR", 5, 40000),
    ("GB/Z", "national", "guidance", "SAMR", 1, 42000),
    *[
        (f"{code}/T", "industry", "recommended", pub, 3, 40000)
        for code, pub in [
            ("JB", "MIIT"),
            ("HG", "MIIT"),
            ("YY", "NMPA"),
            ("QC", "MIIT"),
            ("SJ", "MIIT"),
            ("DL", "NEA"),
            ("NB", "NEA"),
            ("YD", "MIIT"),
            ("JT", "MOT"),
            ("GA", "MPS"),
            ("SH", "MIIT"),
            ("NY", "MOA"),
            ("QB", "MIIT"),
            ("FZ", "MIIT"),
            ("CJ", "MOHURD"),
            ("JG", "MOHURD"),
        ]
    ],
    ("JGJ", "industry", "", "MOHURD", 1, 500),
    *[
        (f"DB{code}/T", "local", "recommended", f"DB{code}", w, 9000)
        for code, w in [
            ("41", 6),
            ("4101", 1),
            ("4103", 1),
            ("4107", 1),
            ("11", 1),
            ("31", 1),
            ("44", 1),
        ]
    ],
    *[
        (f"T/{code}", "group", "", code, w, 2000)
        for code, w in [
            ("CAS", 3),
            ("CECS", 2),
            ("CSAE", 1),
            ("CEC", 1),
            ("HNAS", 2),
            ("ZZB", 1),
        ]
    ],
    ("Q/GDW", "enterprise", "", "SGCC", 1, 12000),
]
PUBLISHERS = {
    "SAMR": "国家市场监督管理总局",
    "MIIT": "工业和信息化部",
    "NMPA": "国家药品监督管理局",
    "NEA": "国家能源局",
    "MOT": "交通运输部",
    "MPS": "公安部",
    "MOA": "农业农村部",
    "MOHURD": "住房和城乡建设部",
    "DB41": "河南省市场监督管理局",
    "DB4101": "郑州市市场监督管理局",
    "DB4103": "洛阳市市场监督管理局",
    "DB4107": "新乡市市场监督管理局",
    "DB11": "北京市市场监督管理局",
    "DB31": "上海市市场监督管理局",
    "DB44": "广东省市场监督管理局",
    "CAS": "中国标准化协会",
    "CECS": "中国工程建设标准化协会",
    "CSAE": "中国汽车工程学会",
    "CEC": "中国电力企业联合会",
    "HNAS": "河南省标准化协会",
    "ZZB": "浙江省品牌建设联合会",
    "SGCC": "国家电网有限公司",
}
ICS_ROOTS = [
    "01",
    "03",
    "07",
    "11",
    "13",
    "17",
    "19",
    "21",
    "23",
    "25",
    "27",
    "29",
    "31",
    "33",
    "35",
    "43",
    "45",
    "49",
    "53",
    "55",
    "59",
    "61",
    "65",
    "67",
    "71",
    "73",
    "75",
    "77",
    "79",
    "81",
    "83",
    "85",
    "87",
    "91",
    "93",
    "97",
]
CCS_ROOTS = list("ABCDEFGHJKLMNPQRSTUVWXYZ")


def title(rng: random.Random) -> tuple[str, str, bool]:
    """A realistic Chinese title, its English counterpart, and whether it has parts."""
    field_zh, field_en = rng.choice(FIELDS)
    obj_zh, obj_en = rng.choice(OBJECTS)
    aspect_zh, aspect_en = rng.choice(ASPECTS)
    shape = rng.random()
    if shape < 0.45:
        zh, en = f"{field_zh} {obj_zh}{aspect_zh}", f"{field_en} - {obj_en} - {aspect_en}"
    elif shape < 0.75:
        zh, en = f"{obj_zh}{aspect_zh}", f"{obj_en[0].upper()}{obj_en[1:]} - {aspect_en}"
    elif shape < 0.9:
        zh, en = f"{field_zh} {aspect_zh}", f"{field_en} - {aspect_en}"
    else:
        other_zh, other_en = rng.choice(OBJECTS)
        zh = f"{field_zh} {obj_zh}用{other_zh} {aspect_zh}"
        en = f"{field_en} - {other_en} for {obj_en} - {aspect_en}"
    return zh, en, rng.random() < 0.08


def generate(count: int, *, seed: int = 20251123, taken: set[str] | None = None) -> Iterator[dict]:
    """Yield `count` generated standards as column dicts (see bench.search for loading)."""
    rng = random.Random(seed)
    taken = taken if taken is not None else set()
    weights = [p[4] for p in PREFIXES]
    made = 0
    while made < count:
        prefix, tier, mandate, publisher, _, top = rng.choices(PREFIXES, weights)[0]
        number = str(rng.randint(1, top))
        zh, en, with_parts = title(rng)
        parts = [str(i) for i in range(1, rng.randint(2, 4))] if with_parts else [""]
        ics, ccs = rng.choice(ICS_ROOTS), rng.choice(CCS_ROOTS)
        for part in parts:
            series = f"{prefix} {number}" + (f".{part}" if part else "")
            if series in taken:
                continue
            taken.add(series)
            years = sorted(rng.sample(range(1995, 2026), rng.choice([1, 1, 1, 2, 2, 3])))
            part_zh, part_en = ("", "") if not part else rng.choice(PART_TITLES)
            for index, year in enumerate(years):
                latest = index == len(years) - 1
                status = "current" if latest else "replaced"
                if latest and year == 2025 and rng.random() < 0.3:
                    status = "upcoming"
                elif latest and rng.random() < 0.05:
                    status = "withdrawn"
                issued = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                yield {
                    "designation": f"{series}-{year}",
                    "series_key": series,
                    "prefix": prefix,
                    "body": prefix.split("/")[0] if tier != "group" else prefix[2:],
                    "number": number,
                    "part": part,
                    "main_number": number,
                    "year": year,
                    "tier": tier,
                    "mandate": mandate,
                    "title_zh": zh + (f" 第{part}部分：{part_zh}" if part else ""),
                    "title_en": (en + (f" - Part {part}: {part_en}" if part else ""))
                    if rng.random() < 0.6
                    else "",
                    "status": status,
                    "issued": issued,
                    "effective": issued + datetime.timedelta(days=rng.randint(90, 270)),
                    "publisher": publisher,
                    "ics_root": ics,
                    "ccs_root": ccs,
                    "extra": json.dumps({"generated": True}),
                }
                made += 1
                if made >= count:
                    return
