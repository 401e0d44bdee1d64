"""Cosmological, astrophysical and precision bounds, and thermal targets, as Curves."""
