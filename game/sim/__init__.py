"""The headless, deterministic simulation: an esper world per session, commands in, events out."""
