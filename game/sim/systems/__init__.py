"""The systems the resolution phase runs, one concern per module."""
