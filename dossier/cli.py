"""The ``dossier`` command: parse options, call the library, print, and map failures to exit codes.

Exit codes: 0 success; 1 the data is invalid or incomplete, or the build failed; 2 usage error.
"""

from __future__ import annotations

import json
import sys
import tempfile
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import DataError, DossierError, InternalError

_DATA = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)


def _stage_option(command):
    """``--stage``: which submission's pack (default: the one the data is in)."""
    return click.option("--stage", type=click.Choice(["application", "rectification"]), default=None,
                        help="哪一次提交的材料：application 认证申请材料，rectification 整改材料"
                             "（默认：有 rectification.yaml 时为整改材料，否则为申请材料）。")(command)


class _Group(click.Group):
    """Turns unexpected exceptions into one line and exit code 1, the traceback kept in a file."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `dossier docs | head`: the reader left; say nothing more
            import os
            import sys
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(1) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence, never a traceback on screen
            if ctx.params.get("show_traceback"):
                raise
            with tempfile.NamedTemporaryFile("w", prefix="dossier-error-", suffix=".log", delete=False,
                                             encoding="utf-8") as fh:
                traceback.print_exc(file=fh)
            raise InternalError(f"内部错误（{type(exc).__name__}: {exc}）。详细信息已保存到 {fh.name}，"
                                "请将其附在问题报告中。") from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier")
@click.option("--traceback", "show_traceback", is_flag=True, help="出错时显示完整的 Python 调用栈（用于排查程序缺陷）。")
def main(show_traceback: bool) -> None:
    """GB/T 27922-2011 商品售后服务评价体系认证申请材料工具。

    \b
    Example:
        dossier validate company_data/example
    """


@main.command()
@click.argument("data", type=_DATA)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出问题。")
@_stage_option
def validate(data: Path, as_json: bool, stage: str | None) -> None:
    """检查公司数据目录 DATA 中的全部问题，按 文件:行号: 字段: 说明 列出。

    有错误时退出码为 1；只有警告时为 0。

    \b
    Example:
        dossier validate company_data/example
    """
    from .validation import load_dossier

    result = load_dossier(data, stage)
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in result.problems], ensure_ascii=False, indent=2))
    else:
        from .problems import format_problem

        for problem in result.problems:
            click.echo(format_problem(problem))
        click.echo(_summary(result.sources.shown_root, len(result.errors), len(result.warnings)))
    if result.errors:
        raise click.exceptions.Exit(1)


def _summary(shown: str, errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return f"{shown}：数据有效，没有发现问题。"
    parts = [f"{errors} 个错误"] if errors else []
    parts += [f"{warnings} 个警告"] if warnings else []
    verdict = "请修改后重新检查" if errors else "可以继续，但建议处理警告"
    return f"{shown}：共 {'、'.join(parts)}；{verdict}。"


class _TradeChoice(click.Choice):
    """The names of the trade profiles, read from the package's profiles only when ``--trade`` is used or
    shown: reading them costs more than every other command's start-up."""

    def __init__(self):
        self.case_sensitive = True
        self._names: tuple[str, ...] | None = None

    @property
    def choices(self) -> tuple[str, ...]:
        if self._names is None:
            from .standard.trades import trade_profiles

            self._names = tuple(trade_profiles())
        return self._names


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--trade", type=_TradeChoice(), default=None,
              help="行业模板：写入该行业法律法规要求的许可和人员资格（默认不针对任何行业）。")
@click.option("--xlsx", is_flag=True,
              help="把人员、网点、培训、调查、投诉等表格放在一个工作簿 数据表.xlsx 中（每表一个工作表，带填写说明和下拉列表）。")
def init(directory: Path, trade: str | None, xlsx: bool) -> None:
    """在 DIRECTORY 新建公司数据目录：每个文件都带注释，〔待填：…〕和标有〔待填〕的示例值须逐项改写。

    改写完成之前，dossier validate 逐项提示，dossier check 不会判定材料齐全。

    \b
    Example:
        dossier init company_data/my-company
        dossier init company_data/my-company --trade 电梯
        dossier init company_data/my-company --xlsx
    """
    from .scaffold import write_scaffold

    if directory.exists() and any(directory.iterdir()):
        raise click.BadParameter(f"目录 {directory} 已存在且不为空；请指定一个新目录。", param_hint="DIRECTORY")
    written = write_scaffold(directory, trade, xlsx=xlsx)
    for path in written:
        click.echo(f"已创建 {path.as_posix()}")
    click.echo(f"下一步：编辑这些文件，然后运行 dossier validate {directory.as_posix()}")


@main.command("export-xlsx")
@click.argument("data", type=_DATA)
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
def export_xlsx(data: Path, workbook: Path) -> None:
    """把公司数据目录 DATA 中的全部表格（人员、网点、培训、调查、答卷、投诉、整改项等）写入工作簿 WORKBOOK（.xlsx）：
    每表一个工作表，带填写说明和下拉列表。

    在 YAML 中把表格改写为“字段: 工作簿.xlsx#工作表”（见工作簿的“填写说明”），即从工作簿读取。

    \b
    Example:
        dossier export-xlsx company_data/example 数据表.xlsx
    """
    from .export import export_workbook

    if workbook.suffix.lower() != ".xlsx":
        raise click.BadParameter("工作簿的文件名应以 .xlsx 结尾。", param_hint="WORKBOOK")
    sheets = export_workbook(data, workbook)
    click.echo(f"已写入 {workbook.as_posix()}：{len(sheets)} 个表格（{'、'.join(s.sheet for s in sheets)}）")


@main.command()
@click.argument("data", type=_DATA)
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="输出目录（默认 build/<公司目录名>/<application 或 rectification>）。")
@click.option("--only", "only", multiple=True, metavar="DOC", help="只生成指定文件（可重复；文件编号见 dossier docs）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行进程数（默认为 CPU 核数）。")
@click.option("--force", is_flag=True, help="全部重新生成（默认只重新生成数据有变化的文件）。")
@click.option("-v", "--verbose", is_flag=True, help="显示各阶段用时。")
@_stage_option
def build(data: Path, out: Path | None, only: tuple[str, ...], jobs: int | None, force: bool, verbose: bool,
          stage: str | None) -> None:
    """生成公司 DATA 的一次提交的全部文件：每份文件一个 DOCX（可编辑）和一个 PDF，以及材料汇编。

    认证申请材料（申请日期的材料和统计期内的记录）与现场审核后的整改材料（整改报告、整改证据和
    因整改重新发布的文件）分别生成。输出写入临时目录，全部成功后才一次替换原输出目录。

    \b
    Example:
        dossier build company_data/example --stage application
        dossier build company_data/example --stage rectification
        dossier build company_data/example --only training --only personnel -o build/draft
    """
    from .build import run
    from .errors import UnknownDocument, ValidationFailed
    from .problems import format_problem

    show_bar = sys.stdout.isatty()
    bar = None

    def on_done(step):
        if bar is not None:
            bar.update(1)

    try:
        if show_bar:
            from .builders import builders_for
            from .standard import load_standard
            total = (len(only) or len(builders_for(load_standard()))) + 1
            with click.progressbar(length=total, label="rendering", show_pos=True) as bar:
                result = run(data, out, only=only, jobs=jobs, force=force, stage=stage, on_done=on_done)
        else:
            result = run(data, out, only=only, jobs=jobs, force=force, stage=stage)
    except ValidationFailed as exc:
        for problem in exc.problems:
            click.echo(format_problem(problem))
        raise
    except UnknownDocument as exc:
        raise click.BadParameter(f"没有文件“{exc}”；可用 dossier docs 查看文件编号。", param_hint="--only") from None
    for problem in result.warnings:
        click.echo(format_problem(problem))
    for note in result.rendering_warnings:
        click.echo(f"[渲染警告] {note}")
    if result.unchanged:
        click.echo(f"数据和程序均无变化，{result.out.as_posix()} 已是最新（{len(result.documents)} 份文件，"
                   f"汇编 {result.binder_pages} 页）。")
        return
    for r in result.documents:
        reason = result.reasons.get(r.info.id)
        state = f"已生成（{reason}）" if reason else "未变化，沿用"
        click.echo(f"{r.info.stem:<28} {r.pdf.pages:>4} 页  {r.info.title}　{state}")
    if verbose:
        click.echo("用时：" + "，".join(f"{stage} {seconds:.1f} 秒" for stage, seconds in result.timings.items()))
    click.echo(f"重新生成 {len(result.reasons)} 份、沿用 {len(result.documents) - len(result.reasons)} 份文件"
               f"（共 {result.pages} 页），{result.submission}汇编 binder.pdf {result.binder_pages} 页，"
               f"用时 {result.seconds:.1f} 秒：{result.out.as_posix()}")


def _validated_for_review(data: Path, stage: str | None):
    """The validation of DATA with the Dossier of its pack of ``stage``, or exit 1 after printing why it
    cannot be assessed."""
    from .problems import format_problem
    from .validation import load_dossier

    validation = load_dossier(data, stage)
    if validation.dossier is None:
        for problem in validation.errors:
            click.echo(format_problem(problem), err=True)
        raise DataError("数据有误，无法评估；请先运行 dossier validate 并修改。")
    return validation


def _load_for_review(data: Path, stage: str | None):
    """The Dossier of DATA's pack of ``stage``, or exit 1 after printing why it cannot be assessed."""
    return _validated_for_review(data, stage).dossier


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.argument("target", type=_DATA)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（键名稳定，便于脚本和 CI）。")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="核查日期（默认为今天；用于判断整改项是否逾期）。")
@_stage_option
def check(target: Path, as_json: bool, as_of, stage: str | None) -> None:
    """核查申请材料是否齐全：TARGET 为公司数据目录，或 dossier build 的输出目录。

    列出缺少的材料、没有证明材料的指标、过期或即将到期的证书、过期的调查和培训、
    逾期未关闭的整改项，以及申请材料前后矛盾之处（核查输出目录时注明汇编页码，核查数据目录时注明
    数据文件和行号）。有必须处理的问题时退出码为 1。

    \b
    Example:
        dossier check company_data/example
        dossier check build/example --json
    """
    import datetime as _dt

    from .assessment.consistency.places import locator, pages_of_manifest
    from .assessment.export import completeness_data
    from .build.manifest import read_manifest
    from .build.report import completeness_of, places_of_build
    from .terminal import completeness_lines

    manifest = read_manifest(target)
    documents = None
    if manifest:
        source = manifest.get("source")
        if not source or not Path(source).is_dir():
            raise DataError(f"输出目录 {target} 的 manifest.json 未记录可用的公司数据目录（source）。")
        documents = {d["id"]: d["title"] for d in manifest.get("documents", [])
                     if (target / d["pdf"]).is_file()}
        data = Path(source)
        stage = stage or manifest.get("stage")
    else:
        data = target
    validation = _validated_for_review(data, stage)
    dossier = validation.dossier
    day = as_of.date() if as_of else _dt.date.today()
    pages = pages_of_manifest(manifest) if manifest else None      # a build: binder pages (and data lines)
    result = completeness_of(dossier, documents, as_of=day, locate=locator(pages, validation.sources),
                             places=places_of_build(dossier, manifest) if manifest else None)
    if as_json:
        _echo_json({"company": dossier.company.name, "uscc": dossier.company.uscc,
                    "standard": dossier.standard.code, **completeness_data(result)})
    else:
        for line in completeness_lines(dossier.company.name, dossier.standard.code, result):
            click.echo(line)
    if not result.complete:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("data", type=_DATA)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（键名稳定，便于脚本和 CI）。")
@_stage_option
def score(data: Path, as_json: bool, stage: str | None) -> None:
    """自评得分（预评）：各指标得分与扣分原因、总分、星级，以及达到更高星级需消除的扣分。

    这是申请单位的自我评价，不是认证机构的评价结论；默认评价认证申请材料（--stage application）。

    \b
    Example:
        dossier score company_data/example
    """
    from .assessment.export import score_data
    from .build.report import score_of
    from .terminal import score_lines

    dossier = _load_for_review(data, stage or "application")     # the self-assessment is the application's
    result = score_of(dossier)
    if as_json:
        _echo_json({"company": dossier.company.name, "uscc": dossier.company.uscc,
                    "standard": dossier.standard.code, **score_data(result, dossier.standard.scoring)})
    else:
        scoring = dossier.standard.scoring
        for line in score_lines(dossier.company.name, result, scoring.points_label, scoring.score_label,
                                scoring.points_note):
            click.echo(line)


@main.command()
@click.argument("data", type=_DATA)
def upgrade(data: Path) -> None:
    """把公司数据目录 DATA 中各数据文件升级到当前的数据格式版本：写入 schema_version，保留注释和顺序。

    较旧版本的数据文件不升级也能检查和生成；无法读取的文件不会被改动。

    \b
    Example:
        dossier upgrade company_data/my-company
    """
    from .upgrade import upgrade_folder

    results = upgrade_folder(data)
    for result in results:
        click.echo(result.describe())
    if any(r.refused for r in results):
        raise DataError("部分文件未能升级（见上）；请修改后重新运行 dossier upgrade。")


@main.command()
@click.argument("out_a", type=_DATA)
@click.argument("out_b", type=_DATA)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def diff(out_a: Path, out_b: Path, as_json: bool) -> None:
    """比较两次生成的输出目录 OUT_A 与 OUT_B：文件的增删改、修订版本、页数与汇编页码的变化，
    以及每份变化文件的文字差异。

    \b
    Example:
        dossier diff build/before build/example
    """
    from .build.diff import diff_builds
    from .errors import NotABuild
    from .terminal import diff_lines

    try:
        result = diff_builds(out_a, out_b)
    except NotABuild as exc:
        raise click.BadParameter(f"{exc} 不是 dossier build 的输出目录（没有 manifest.json）。") from None
    if as_json:
        _echo_json(result.as_dict())
    else:
        for line in diff_lines(out_a.as_posix(), out_b.as_posix(), result):
            click.echo(line)


@main.command()
def docs() -> None:
    """列出标准要求的文件、生成它们的 builder，以及每份文件证明的指标。

    \b
    Example:
        dossier docs
    """
    from .builders import BUILDERS
    from .standard import load_standard

    standard = load_standard()
    click.echo(f"{standard.full_title} 申请材料中的文件：")
    for number, spec in enumerate(standard.documents, start=1):
        builder = BUILDERS.get(spec.id)
        title = builder.title if builder else "（尚无生成器）"
        indicators = "、".join(standard.indicator(i).label for i in spec.evidences) or "—"
        click.echo(f"{number:02d}  {spec.id:<22} {title}")
        click.echo(f"    分册：{standard.section(spec.section).name}；证明指标：{indicators}")


__all__ = ["main", "DossierError"]
