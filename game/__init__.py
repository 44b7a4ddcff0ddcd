"""World Orders: a turn-based strategy game of world politics whose rules are data."""

__version__ = "0.1.0"
