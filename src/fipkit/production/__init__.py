"""FIP production: mechanisms that turn a beam into weighted FIP samples at unit coupling."""
