"""casebook: a case database for human-rights organisations."""

__version__ = "0.1.0"
