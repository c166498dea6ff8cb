"""A contract whose call clause passes a 5,000-digit integer, on line 7."""

from pathlib import Path


def make(folder: Path) -> None:
    (folder / "contracts").mkdir()
    text = (
        "botocontract: 1\n"
        "service: sagemaker\n"
        "clauses:\n"
        "  - id: create-app-call\n"
        "    call: CreateApp\n"
        "    params:\n"
        f"      DomainId: {'9' * 5000}\n"
        "      AppType: JupyterLab\n"
        "      AppName: a\n"
    )
    (folder / "contracts" / "studio.yaml").write_text(text)
