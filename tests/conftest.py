from __future__ import annotations

import sys
from pathlib import Path

# tests import their helpers (hostile.py) as top-level modules
sys.path.insert(0, str(Path(__file__).parent))
