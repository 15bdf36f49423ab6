"""WTForms classes only, mirroring casebook.web. Forms never touch the database: choices
that come from data are passed in by the view."""
