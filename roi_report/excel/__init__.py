"""The Excel output: live formula sheets spliced into a copy of the user's package."""
