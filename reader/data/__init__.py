"""Files shipped with the reader: the built-in sample article."""
