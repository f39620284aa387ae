"""Screens of the reader: the main reading screen and the help screen."""
