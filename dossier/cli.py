"""The ``dossier`` command: parse options, call the library, print, and map failures to exit codes.

Exit codes: 0 success; 1 the data is invalid or incomplete, or the build failed; 2 usage error.
"""

from __future__ import annotations

import json
import tempfile
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import DossierError, InternalError

_DATA = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)


class _Group(click.Group):
    """Turns unexpected exceptions into one line and exit code 1, the traceback kept in a file."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
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
def validate(data: Path, as_json: bool) -> None:
    """检查公司数据目录 DATA 中的全部问题，按 文件:行号: 字段: 说明 列出。

    有错误时退出码为 1；只有警告时为 0。

    \b
    Example:
        dossier validate company_data/example
    """
    from .validation import load_dossier

    result = load_dossier(data)
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


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """在 DIRECTORY 新建公司数据目录：每个文件都带注释，原样即可通过检查。

    \b
    Example:
        dossier init company_data/my-company
    """
    from .scaffold import write_scaffold

    if directory.exists() and any(directory.iterdir()):
        raise click.BadParameter(f"目录 {directory} 已存在且不为空；请指定一个新目录。", param_hint="DIRECTORY")
    written = write_scaffold(directory)
    for path in written:
        click.echo(f"已创建 {path.as_posix()}")
    click.echo(f"下一步：编辑这些文件，然后运行 dossier validate {directory.as_posix()}")


__all__ = ["main", "DossierError"]
