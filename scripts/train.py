"""`make train`: rasa train, with Rasa's own two warnings silenced (scripts/rasa_warnings.py).

The same as ``rasa train --skip-validation --fixed-model-name microneedling --out models``
(the Makefile runs scripts/validate_data.py first), called through rasa.api so that the
warning filters are set after Rasa's own: the CLI puts "once" in front of any given.
"""

from __future__ import annotations

import logging
import sys

import rasa.utils.common
from rasa.api import train

from scripts.rasa_warnings import ignore


def main() -> int:
    rasa.utils.common.configure_logging_and_warnings(logging.INFO)
    ignore()
    result = train(domain="domain.yml", config="config.yml", training_files=["data"], output="models",
                   fixed_model_name="microneedling")
    return result.code


if __name__ == "__main__":
    sys.exit(main())
