"""``dossier init``: a new company folder, every file commented, trade-neutral, and valid as written except
for its placeholders (see :mod:`dossier.load.placeholders`), which validate lists and check refuses to call
ready. ``trade`` adds what that trade profile requires: the profile, its licences to fill in, and the
certificates its technicians must hold. ``xlsx`` puts the tables (staff, outlets, training, surveys,
complaints ...) in one workbook, 数据表.xlsx, whose sheets the YAML then names (:mod:`dossier.export`)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .load.placeholders import MARK
from .schemas import data_files
from .standard.trades import TradeProfile, trade_profile

__all__ = ["write_scaffold"]

_TEMPLATES = Path(__file__).parent / "templates" / "scaffold"


#: the line of the template's technician after which the certificates a trade requires are written
_TECHNICIAN = "    outlet: O01                            # 所在服务网点\n"


def _trade_block(profile: TradeProfile) -> str:
    """company.yaml's trade and the licences to fill in, for ``profile``."""
    lines = ["", f"trade:                                     # 行业：{profile.title}", f"  profile: {profile.name}"]
    if profile.permits:
        lines.append("permits:                                   # 本公司持有的行政许可与备案")
    for rule in profile.permits:
        lines += [f"  - kind: {rule.kind}                  # 依据{rule.basis}",
                  "    number: 〔待填：许可证编号〕", "    authority: 〔待填：发证机关〕",
                  f"    issued: 2024-01-01                     # {MARK}", f"    valid_until: 2028-12-31                # {MARK}"]
    return "\n".join(lines) + "\n"


def _technician_certificates(profile: TradeProfile) -> str:
    """The certificates the template's technician (服务技术) must hold under ``profile``."""
    kinds = [rule.kind for rule in profile.qualifications if rule.category == "服务技术"]
    if not kinds:
        return ""
    return "    qualifications:\n" + "".join(
        f"      - {{kind: {kind}, number: 〔待填：证书编号〕, issued: 2024-01-01, valid_until: 2028-12-31}}   # {MARK}\n"
        for kind in kinds)


def _apply_trade(staging: Path, profile: TradeProfile) -> None:
    company = staging / "company.yaml"
    company.write_text(company.read_text(encoding="utf-8") + _trade_block(profile), encoding="utf-8")
    personnel = staging / "personnel.yaml"
    text = personnel.read_text(encoding="utf-8")
    personnel.write_text(text.replace(_TECHNICIAN, _TECHNICIAN + _technician_certificates(profile), 1),
                         encoding="utf-8")


def write_scaffold(directory: Path, trade: str | None = None, xlsx: bool = False) -> list[Path]:
    """Write the scaffold into ``directory`` (absent or empty), for ``trade`` (a profile's name) if given,
    its tables in a workbook if ``xlsx``; all files appear at once or none."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    try:
        names = [spec.filename for spec in data_files() if (_TEMPLATES / spec.filename).exists()]
        for name in names:
            shutil.copyfile(_TEMPLATES / name, staging / name)
        if trade:
            _apply_trade(staging, trade_profile(trade))
        if xlsx:
            from .export import WORKBOOK_NAME, export_workbook, link_sheets

            link_sheets(staging, export_workbook(staging, staging / WORKBOOK_NAME), WORKBOOK_NAME)
            names.append(WORKBOOK_NAME)
        (staging / "attachments").mkdir()
        if directory.exists():
            directory.rmdir()  # empty, checked by the caller
        os.replace(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [directory / name for name in names] + [directory / "attachments"]
