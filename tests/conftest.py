from __future__ import annotations

import sys
from pathlib import Path

# tests import their helpers (hostile.py) and the evaluation tools of bench/ (corpus_eval.py, similarity.py) as
# top-level modules; the evaluation tools are not part of the installed package
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parents[1] / "bench"))
