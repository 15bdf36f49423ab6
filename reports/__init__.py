"""PDF builders (ReportLab). They take DTO snapshots from casebook.services, never ORM rows."""
