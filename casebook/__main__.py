"""``python -m casebook`` runs the casebook command."""

from casebook.cli import main

main()
