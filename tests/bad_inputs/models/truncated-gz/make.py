"""The first half of a real gzip'd model: the installed botocore's SageMaker model (gzip'd here
when the release ships it plain, as botocores before 1.32 do)."""

import gzip
from pathlib import Path

import botocore


def make(folder: Path) -> None:
    data = Path(botocore.__file__).parent / "data" / "sagemaker"
    model = sorted(data.glob("*/service-2.json*"))[-1]
    whole = model.read_bytes()
    if model.suffix != ".gz":
        whole = gzip.compress(whole)
    target = folder / "sagemaker" / "2017-07-24" / "service-2.json.gz"
    target.parent.mkdir(parents=True)
    target.write_bytes(whole[: len(whole) // 2])
