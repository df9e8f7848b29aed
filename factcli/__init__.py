"""factcli: look up sourced facts on China's international security cooperation."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
