"""The first half of a real gzip'd model: the installed botocore's SageMaker model."""

from pathlib import Path

import botocore


def make(folder: Path) -> None:
    data = Path(botocore.__file__).parent / "data" / "sagemaker"
    whole = sorted(data.glob("*/service-2.json.gz"))[-1].read_bytes()
    target = folder / "sagemaker" / "2017-07-24" / "service-2.json.gz"
    target.parent.mkdir(parents=True)
    target.write_bytes(whole[: len(whole) // 2])
