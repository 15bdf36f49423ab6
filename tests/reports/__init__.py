"""Tests of the PDF builders in reports/ (DTO fixtures, no database)."""
