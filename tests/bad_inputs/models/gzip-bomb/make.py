"""A gzip model of about 1 MB that inflates to 1 GiB of zeros."""

from pathlib import Path

from bad_input_makers import gzip_bomb


def make(folder: Path) -> None:
    target = folder / "sagemaker" / "2017-07-24" / "service-2.json.gz"
    target.parent.mkdir(parents=True)
    target.write_bytes(gzip_bomb(1 << 30))
